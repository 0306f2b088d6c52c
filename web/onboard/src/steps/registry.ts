import type { ComponentType } from 'react';
import type { StepProps } from '../journey/step-props';
import type { StepId } from '../journey/steps';
import { ContactStep } from './contact/ContactStep';
import { PanStep } from './pan/PanStep';
import { ReviewStep } from './review/ReviewStep';

/** Each step's page. */
export const STEP_COMPONENTS: Partial<Record<StepId, ComponentType<StepProps>>> = {
  contact: ContactStep,
  pan: PanStep,
  review: ReviewStep,
};

import type { ComponentType } from 'react';
import type { StepProps } from '../journey/step-props';
import type { StepId } from '../journey/steps';
import { AadhaarStep } from './aadhaar/AadhaarStep';
import { ContactStep } from './contact/ContactStep';
import { DematStep } from './demat/DematStep';
import { PanStep } from './pan/PanStep';
import { ReviewStep } from './review/ReviewStep';
import { SelfieStep } from './selfie/SelfieStep';

/** Each step's page. */
export const STEP_COMPONENTS: Partial<Record<StepId, ComponentType<StepProps>>> = {
  contact: ContactStep,
  pan: PanStep,
  aadhaar: AadhaarStep,
  demat: DematStep,
  selfie: SelfieStep,
  review: ReviewStep,
};

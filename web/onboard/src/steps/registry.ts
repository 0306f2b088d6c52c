import type { ComponentType } from 'react';
import type { StepProps } from '../journey/step-props';
import type { StepId } from '../journey/steps';
import { AddressStep } from './address/AddressStep';
import { ConsentStep } from './consent/ConsentStep';
import { PanStep } from './pan/PanStep';
import { PersonalStep } from './personal/PersonalStep';

/** Each step's page. */
export const STEP_COMPONENTS: Partial<Record<StepId, ComponentType<StepProps>>> = {
  consent: ConsentStep,
  pan: PanStep,
  personal: PersonalStep,
  address: AddressStep,
};

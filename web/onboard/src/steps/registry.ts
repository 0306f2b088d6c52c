import type { ComponentType } from 'react';
import type { StepProps } from '../journey/step-props';
import type { StepId } from '../journey/steps';
import { AadhaarStep } from './aadhaar/AadhaarStep';
import { ConsentStep } from './consent/ConsentStep';
import { ContactStep } from './contact/ContactStep';
import { DematStep } from './demat/DematStep';
import { lazyStep } from './lazy-step';
import { PanStep } from './pan/PanStep';
import { ReviewStep } from './review/ReviewStep';
import { SelfieStep } from './selfie/SelfieStep';

/** Each step's page. */
export const STEP_COMPONENTS: Partial<Record<StepId, ComponentType<StepProps>>> = {
  contact: ContactStep,
  consent: ConsentStep,
  pan: PanStep,
  aadhaar: AadhaarStep,
  personal: lazyStep(() => import('./personal/PersonalStep').then((m) => m.PersonalStep)),
  address: lazyStep(() => import('./address/AddressStep').then((m) => m.AddressStep)),
  bank: lazyStep(() => import('./bank/BankStep').then((m) => m.BankStep)),
  demat: DematStep,
  selfie: SelfieStep,
  review: ReviewStep,
};

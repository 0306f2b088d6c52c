import type { ComponentType } from 'react';
import type { StepProps } from '../journey/step-props';
import type { StepId } from '../journey/steps';
import { ContactStep } from './contact/ContactStep';
import { lazyStep } from './lazy-step';

/**
 * Each step's page. The first step a new customer sees is in the first screen's JavaScript; the others
 * load when first opened.
 */
export const STEP_COMPONENTS: Record<StepId, ComponentType<StepProps>> = {
  contact: ContactStep,
  consent: lazyStep(() => import('./consent/ConsentStep').then((m) => m.ConsentStep)),
  pan: lazyStep(() => import('./pan/PanStep').then((m) => m.PanStep)),
  aadhaar: lazyStep(() => import('./aadhaar/AadhaarStep').then((m) => m.AadhaarStep)),
  personal: lazyStep(() => import('./personal/PersonalStep').then((m) => m.PersonalStep)),
  address: lazyStep(() => import('./address/AddressStep').then((m) => m.AddressStep)),
  bank: lazyStep(() => import('./bank/BankStep').then((m) => m.BankStep)),
  demat: lazyStep(() => import('./demat/DematStep').then((m) => m.DematStep)),
  nomination: lazyStep(() => import('./nomination/NominationStep').then((m) => m.NominationStep)),
  fatca: lazyStep(() => import('./fatca/FatcaStep').then((m) => m.FatcaStep)),
  pep: lazyStep(() => import('./pep/PepStep').then((m) => m.PepStep)),
  trading: lazyStep(() => import('./trading/TradingStep').then((m) => m.TradingStep)),
  selfie: lazyStep(() => import('./selfie/SelfieStep').then((m) => m.SelfieStep)),
  review: lazyStep(() => import('./review/ReviewStep').then((m) => m.ReviewStep)),
};

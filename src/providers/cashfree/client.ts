import {
  CashfreeEngine,
  type CallContext,
  type CashfreeClientOptions,
  type ProviderHealth,
} from './engine.js';
import * as bank from './endpoints/bank.js';
import * as biometrics from './endpoints/biometrics.js';
import * as digilocker from './endpoints/digilocker.js';
import * as esign from './endpoints/esign.js';
import * as geocoding from './endpoints/geocoding.js';
import * as pan from './endpoints/pan.js';
import * as secureShare from './endpoints/secure-share.js';
import type { DigilockerDocumentType } from './schemas.js';

export {
  DEFAULT_API_VERSION,
  type CallContext,
  type CashfreeClientOptions,
  type ProviderHealth,
  type Verified,
} from './engine.js';
export type { DigilockerDocumentResult, DigilockerLink } from './endpoints/digilocker.js';
export type { EsignSigner, SignPosition } from './endpoints/esign.js';

export type CashfreeEnvironment = 'sandbox' | 'production';

const BASE_URLS: Record<CashfreeEnvironment, string> = {
  sandbox: 'https://sandbox.cashfree.com/verification',
  production: 'https://api.cashfree.com/verification',
};

export function cashfreeBaseUrl(env: CashfreeEnvironment, override?: string): string {
  return override && override.length > 0 ? override : BASE_URLS[env];
}

/** The input an endpoint function takes after the engine. */
type Input<F extends (engine: CashfreeEngine, input: never, ctx?: CallContext) => unknown> = Parameters<F>[1];

/**
 * Typed client for the Cashfree Secure ID endpoints Pehchan uses. One instance per
 * configuration; it holds its own circuit breaker and nothing global. Each method is described
 * in its endpoint family under endpoints/; the retry and breaker rules are in engine.ts.
 */
export class CashfreeClient {
  private readonly engine: CashfreeEngine;

  constructor(options: CashfreeClientOptions) {
    this.engine = new CashfreeEngine(options);
  }

  /** `closed`, `open` (answering fast), `half-open` (one probe allowed) or `isolated`. */
  get circuitState(): 'closed' | 'open' | 'half-open' | 'isolated' {
    return this.engine.circuitState;
  }

  /** Whether Cashfree currently accepts our configuration, and the circuit's state. */
  get health(): ProviderHealth {
    return this.engine.health;
  }

  // PAN
  verifyPan(input: Input<typeof pan.verifyPan>, ctx?: CallContext) {
    return pan.verifyPan(this.engine, input, ctx);
  }
  verifyPanAdvance(input: Input<typeof pan.verifyPanAdvance>, ctx?: CallContext) {
    return pan.verifyPanAdvance(this.engine, input, ctx);
  }
  verifyPanLite(input: Input<typeof pan.verifyPanLite>, ctx?: CallContext) {
    return pan.verifyPanLite(this.engine, input, ctx);
  }

  // Bank account
  verifyBankAccountSync(input: Input<typeof bank.verifyBankAccountSync>, ctx?: CallContext) {
    return bank.verifyBankAccountSync(this.engine, input, ctx);
  }
  verifyBankAccountAsync(input: Input<typeof bank.verifyBankAccountAsync>, ctx?: CallContext) {
    return bank.verifyBankAccountAsync(this.engine, input, ctx);
  }
  getBankAccountStatus(by: Input<typeof bank.getBankAccountStatus>, ctx?: CallContext) {
    return bank.getBankAccountStatus(this.engine, by, ctx);
  }
  verifyIfsc(input: Input<typeof bank.verifyIfsc>, ctx?: CallContext) {
    return bank.verifyIfsc(this.engine, input, ctx);
  }

  // Names and faces
  matchNames(input: Input<typeof biometrics.matchNames>, ctx?: CallContext) {
    return biometrics.matchNames(this.engine, input, ctx);
  }
  matchFaces(input: Input<typeof biometrics.matchFaces>, ctx?: CallContext) {
    return biometrics.matchFaces(this.engine, input, ctx);
  }
  checkLiveliness(input: Input<typeof biometrics.checkLiveliness>, ctx?: CallContext) {
    return biometrics.checkLiveliness(this.engine, input, ctx);
  }

  // DigiLocker
  createDigilockerRequest(input: Input<typeof digilocker.createDigilockerRequest>, ctx?: CallContext) {
    return digilocker.createDigilockerRequest(this.engine, input, ctx);
  }
  getDigilockerStatus(by: Input<typeof digilocker.getDigilockerStatus>, ctx?: CallContext) {
    return digilocker.getDigilockerStatus(this.engine, by, ctx);
  }
  getDigilockerDocument<K extends DigilockerDocumentType>(
    documentType: K,
    verificationId: string,
    ctx?: CallContext,
  ) {
    return digilocker.getDigilockerDocument(this.engine, documentType, verificationId, ctx);
  }

  // Secure-Share / 1-Click
  checkSecureShareDataAvailability(
    input: Input<typeof secureShare.checkSecureShareDataAvailability>,
    ctx?: CallContext,
  ) {
    return secureShare.checkSecureShareDataAvailability(this.engine, input, ctx);
  }
  createSecureShareSession(input: Input<typeof secureShare.createSecureShareSession>, ctx?: CallContext) {
    return secureShare.createSecureShareSession(this.engine, input, ctx);
  }
  generateSecureShareToken(input: Input<typeof secureShare.generateSecureShareToken>, ctx?: CallContext) {
    return secureShare.generateSecureShareToken(this.engine, input, ctx);
  }
  getSecureShareUserDetails(input: Input<typeof secureShare.getSecureShareUserDetails>, ctx?: CallContext) {
    return secureShare.getSecureShareUserDetails(this.engine, input, ctx);
  }

  // Aadhaar e-sign
  uploadEsignDocument(input: Input<typeof esign.uploadEsignDocument>, ctx?: CallContext) {
    return esign.uploadEsignDocument(this.engine, input, ctx);
  }
  createEsignRequest(input: Input<typeof esign.createEsignRequest>, ctx?: CallContext) {
    return esign.createEsignRequest(this.engine, input, ctx);
  }
  getEsignStatus(verificationId: string, ctx?: CallContext) {
    return esign.getEsignStatus(this.engine, verificationId, ctx);
  }

  // Reverse geocoding
  reverseGeocode(input: Input<typeof geocoding.reverseGeocode>, ctx?: CallContext) {
    return geocoding.reverseGeocode(this.engine, input, ctx);
  }
}

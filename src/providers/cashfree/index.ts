export {
  CashfreeClient,
  cashfreeBaseUrl,
  DEFAULT_API_VERSION,
  type CallContext,
  type CashfreeClientOptions,
  type CashfreeEnvironment,
  type DigilockerDocumentResult,
  type DigilockerLink,
  type EsignSigner,
  type SignPosition,
  type ProviderHealth,
  type Verified,
} from './client.js';
export * from './errors.js';
export * from './recorder.js';
export { redact, maskPan, keepLastFour } from './redact.js';
export type * from './schemas.js';
export { cashfreeSignature, type CashfreeLogger } from './transport.js';

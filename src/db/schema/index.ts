export * from './accounts.js';
export * from './profile.js';
export * from './verifications.js';
export * from './kyc.js';
export * from './backfills.js';
export * from './mfa.js';
export * from './messaging.js';
export * from './links.js';

export * from './accounts.js';
export * from './profile.js';

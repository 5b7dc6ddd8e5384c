// The password policy that meets the well-architected baseline exactly, as IAM returns it (the collector's field
// names). Plain ESM so that both the TypeScript tests (test/support/builders.ts) and the plain-node benchmarks
// (bench/scenarios.mjs) use this one copy.
export const STRONG_PASSWORD_POLICY = Object.freeze({
  minimumPasswordLength: 14,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
  expirePasswords: true,
  maxPasswordAge: 90,
  passwordReusePrevention: 24,
  hardExpiry: false,
});

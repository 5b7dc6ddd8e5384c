/**
 * Keeps credentials out of everything the run prints or publishes. AWS error text can quote what was sent: a
 * `SignatureDoesNotMatch` message quotes the canonical request, `x-amz-security-token` header included. Every
 * credential value the run holds (the keys and session token of each assumed role, the OIDC token, the ambient
 * AWS_* variables) is registered here and replaced wherever it appears, raw or URL-encoded; a few shapes are
 * replaced even when the value was never registered (a key id, a security-token header, a JWT).
 */

export const SCRUBBED = '[redacted]';

/** Ambient credentials the SDK's default chain may have used; read when scrubbing, so tests can set them. */
const CREDENTIAL_ENV = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
];

/** Shorter values are not credentials (and replacing them would mangle ordinary text). */
const MIN_LENGTH = 8;

const held = new Set<string>();

/** Registers credential values (undefined and short values are ignored). */
export function holdCredentials(...values: readonly (string | undefined)[]): void {
  for (const value of values) {
    if (value === undefined || value.length < MIN_LENGTH) continue;
    held.add(value);
    // Query strings and canonical requests carry the value URL-encoded (`+`, `/`, `=` of base64 tokens).
    held.add(encodeURIComponent(value));
  }
}

/** Forgets every registered value (tests). */
export function releaseCredentials(): void {
  held.clear();
}

/** Each shape with its replacement. */
const SHAPES: readonly (readonly [RegExp, string])[] = [
  // The session token as a header of a quoted canonical request, or as a presigned query parameter. The name is
  // matched and put back ($1), not looked behind for: a lookbehind is tried at every position of the text, which
  // made scrubbing an organization run's report slow.
  [/(x-amz-security-token[:=]\s*)[^\s&'"<>,;]+/gi, `$1${SCRUBBED}`],
  // Access key ids: long-term (AKIA) and temporary (ASIA).
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, SCRUBBED],
  // A JWT (the OIDC token): three base64url parts, the first a JSON object (`eyJ`).
  [/\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g, SCRUBBED],
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function heldValues(env: NodeJS.ProcessEnv): string[] {
  const values = new Set(held);
  for (const name of CREDENTIAL_ENV) {
    const value = env[name];
    if (value !== undefined && value.length >= MIN_LENGTH) {
      values.add(value);
      values.add(encodeURIComponent(value));
    }
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** `text` with every credential the run holds, and every credential-shaped token, replaced by `[redacted]`. */
export function scrubCredentials(text: string, env: NodeJS.ProcessEnv = process.env): string {
  const values = heldValues(env);
  let scrubbed =
    values.length === 0 ? text : text.replace(new RegExp(values.map(escapeRegExp).join('|'), 'g'), SCRUBBED);
  for (const [shape, replacement] of SHAPES) scrubbed = scrubbed.replace(shape, replacement);
  return scrubbed;
}

/** A JSON value with every string scrubbed (the replacement keeps JSON valid: `[redacted]` needs no escaping). */
export function scrubCredentialsDeep<T>(value: T, env: NodeJS.ProcessEnv = process.env): T {
  return JSON.parse(scrubCredentials(JSON.stringify(value), env)) as T;
}

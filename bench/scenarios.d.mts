// Types for scenarios.mjs (the e2e test of every control shares its scenario).
import type { AccountFixture } from '../test/support/aws-server.mjs';

export const ACCOUNT_ID: string;
export const ROLE_ARN: string;
export const OIDC_REQUEST_TOKEN: string;
export const POLICY_YAML: string;
/** A password policy as IAM returns it, meeting POLICY_YAML. */
export const STRONG_PASSWORD_POLICY: NonNullable<AccountFixture['passwordPolicy']>;
/** Every control the registry has, for the "every control" figure. */
export const ALL_CONTROLS_YAML: string;

/** The compliant bench account; `allControls` adds what the later controls read. */
export function account(options: { freshReport: boolean; users?: number; allControls?: boolean }): AccountFixture;

export function writePolicy(yaml?: string): { dir: string; file: string };

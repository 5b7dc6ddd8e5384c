/** The desired state, as loaded from one policy file and everything it extends. */
import type { Severity, SourceLocation } from '../findings.js';

export interface PasswordPolicyExpectation {
  minimumLength?: number;
  requireSymbols?: boolean;
  requireNumbers?: boolean;
  requireUppercase?: boolean;
  requireLowercase?: boolean;
  allowUsersToChangePassword?: boolean;
  maxAgeDays?: number;
  reusePrevention?: number;
  hardExpiry?: boolean;
}

export interface RootExpectation {
  mfa?: 'required' | 'hardware';
  accessKeys?: 'forbidden';
  signingCertificates?: 'forbidden';
  maxDaysSinceLastUse?: number;
}

/**
 * One contact. `email`, `name`, `title` and `phone` are matchers: a glob (`*@example.com`) or a
 * `/regex/`; a matcher with neither glob characters nor slashes is also a literal value that `apply` may write.
 */
export interface ContactExpectation {
  required?: boolean;
  email?: string;
  name?: string;
  title?: string;
  phone?: string;
}

export const ALTERNATE_CONTACT_KEYS = ['billing', 'operations', 'security'] as const;
export type AlternateContactKey = (typeof ALTERNATE_CONTACT_KEYS)[number];

export interface ContactsExpectation {
  billing?: ContactExpectation;
  operations?: ContactExpectation;
  security?: ContactExpectation;
  primary?: ContactExpectation;
}

export interface IamUsersExpectation {
  consoleMfa?: 'required';
  maxActiveAccessKeys?: number;
  maxAccessKeyAgeDays?: number;
  maxUnusedCredentialDays?: number;
}

export interface Attestation {
  /** YYYY-MM-DD. Absent: declared (e.g. by a baseline) but not attested yet, which is a finding. */
  lastVerified?: string;
  maxAgeDays: number;
  /** Who verified it; present whenever lastVerified is. */
  by?: string;
}

export interface Waiver {
  control: string;
  /** Exact resource name or a glob; absent = every resource of the control. */
  resource?: string;
  reason: string;
  /** YYYY-MM-DD; the waiver stops waiving after this day. */
  expires: string;
}

/** The sections that may be set for all accounts and overridden per account or OU. */
export interface PolicyBody {
  account?: { id?: string };
  passwordPolicy?: PasswordPolicyExpectation;
  root?: RootExpectation;
  contacts?: ContactsExpectation;
  iamUsers?: IamUsersExpectation;
  attestations?: Record<string, Attestation>;
  exceptions?: Waiver[];
  severity?: Record<string, Severity>;
}

/** Per-account or per-OU overrides on top of the common baseline (organization runs). */
export interface TargetOverride extends Omit<PolicyBody, 'account'> {
  accounts?: string[];
  organizationalUnits?: string[];
}

export interface Policy extends PolicyBody {
  version: 1;
  /** The policy file that was loaded (as given by the user). */
  file: string;
  /** The `extends` entries of that file, as written (located at `extends.N`). */
  extends?: string[];
  targets?: TargetOverride[];
  /**
   * Where each value was set, keyed by its dotted YAML path (`passwordPolicy.minimumLength`,
   * `contacts.security.email`, `exceptions.0`, `attestations.root-password-rotated`). For values merged through
   * `extends` this is the file and line that set the winning value. Section keys (`passwordPolicy`) are present too.
   */
  locations: Record<string, SourceLocation>;
}

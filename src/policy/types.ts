/** The desired state, as loaded from one policy file and everything it extends. */
import type { Severity, SourceLocation } from '../findings.js';

import type { AreaExpectations, MergedAttestation, Waiver } from '../generated/policy-types.js';

// The sections' types are generated from the control registry (npm run generate): src/generated/policy-types.ts.
export type {
  AreaExpectations,
  ContactExpectation,
  ContactsExpectation,
  IamPoliciesExpectation,
  IamUsersExpectation,
  PasswordPolicyExpectation,
  PrimaryContactExpectation,
  RootExpectation,
  ServerCertificatesExpectation,
  Waiver,
} from '../generated/policy-types.js';

/** An attestation after loading: what a file may leave to a baseline it extends is set once merged. */
export type Attestation = MergedAttestation;

/** The sections that may be set for all accounts and overridden per account or OU. */
export interface PolicyBody extends Omit<AreaExpectations, 'attestations'> {
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
  /** The CIS AWS Foundations version whose ids the text and summary reports show (default 5.0.0). */
  cisVersion?: string;
  /** The `extends` entries of that file, as written (located at `extends.N`). */
  extends?: string[];
  targets?: TargetOverride[];
  /**
   * Where each value was set, keyed by its dotted YAML path (`AREA.KEY`, `AREA.KEY.FIELD`, `exceptions.0`,
   * `attestations.NAME`). For values merged through `extends` this is the file and line that set the winning
   * value. Section keys (`AREA`) are present too.
   */
  locations: Record<string, SourceLocation>;
}

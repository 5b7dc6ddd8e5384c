/**
 * Attestations: what no API shows, checked by a person and dated in the policy (CIS v3.0.0/v4.0.1 1.3 security
 * questions; Well-Architected lab: root password rotation, MFA device backup, credential report review).
 * Pure: the age is measured against the `now` given.
 */
import type { Finding, Reference } from '../findings.js';
import { daysBetween, formatIsoDate, parseIsoDate } from '../dates.js';
import { dayCount as days } from './dates.js';
import type { Attestation } from '../policy/types.js';
import { defineArea } from './area.js';
import { type ControlDefinition, type EvaluationContext, defineControls, makeFinding } from './control.js';
import { LAB, cis, lab } from './references.js';

const DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html';

const CONTROLS = defineControls('attestations', {
  '*': {
    title: 'A person verified this recently (attestation)',
    severity: 'medium',
    sources: [],
    remediation:
      'Do the check the attestation names, then set `lastVerified` to the day you did it (YYYY-MM-DD) and ' +
      '`by` to who did it in the policy file.',
    docs: DOCS,
  },
});
const genericControl = CONTROLS['*'];

/** Names of attestations: a lowercase name of letters, digits and dashes. */
export const ATTESTATION_NAME_PATTERN = '[a-z0-9][a-z0-9-]{0,63}';

export const attestationsArea = defineArea({
  id: 'attestations',
  title: 'Attestations',
  description:
    'What no API shows, attested by a person: root-password-rotated, root-mfa-backup, security-questions, ' +
    'credential-report-reviewed, central-identity, or your own names.',
  controls: CONTROLS,
  defs: {
    attestation: {
      type: 'object',
      properties: {
        lastVerified: { description: 'The day a person last checked it (YYYY-MM-DD).', $ref: '#/$defs/date' },
        maxAgeDays: {
          description: 'The attestation is stale after this many days (required here or in an extended baseline).',
          $ref: '#/$defs/days',
        },
        by: { description: 'Who checked it.', type: 'string', minLength: 1, maxLength: 256 },
      },
      additionalProperties: false,
      dependentRequired: { lastVerified: ['by'] },
      description: 'A check a person made. Without lastVerified the attestation is a finding: not attested yet.',
    },
  },
  sectionSchema: {
    type: 'object',
    propertyNames: {
      pattern: `^${ATTESTATION_NAME_PATTERN}$`,
      errorMessage: 'a lowercase name of letters, digits and dashes',
    },
    additionalProperties: { $ref: '#/$defs/attestation' },
  },
  // A baseline may give every attestation its age, so a file need not; the merged policy must have one.
  entriesNeedOnceMerged: { def: 'attestation', entry: 'attestation', keys: ['maxAgeDays'] },
  evaluate: evaluateAttestations,
});

interface WellKnown {
  title: string;
  resource: string;
  remediation: string;
  docs: string;
  /** Said in every finding's message. */
  note?: string;
  references: readonly Reference[];
}

const THEN_RECORD = 'Then set `lastVerified` (YYYY-MM-DD) and `by` in the policy file.';

/** Titles and remediation of the attestations the Well-Architected lab and CIS ask for. */
export const WELL_KNOWN_ATTESTATIONS: Readonly<Record<string, WellKnown>> = {
  'root-password-rotated': {
    title: 'The root user password was rotated',
    resource: 'root',
    remediation:
      `Sign in as the root user > account menu > Security credentials > Change password; store the new ` +
      `password in your vault (there is no API or CLI command for it). ${THEN_RECORD}`,
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-password.html',
    references: lab(LAB.rootPassword),
  },
  'root-mfa-backup': {
    title: 'A backup of the root MFA device exists and was tested',
    resource: 'root',
    remediation:
      `Register a second MFA device for the root user (Security credentials > Multi-factor authentication > Assign ` +
      `MFA device; up to 8 are allowed), keep it apart from the first, and test a sign-in with it. ${THEN_RECORD}`,
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html',
    references: lab(LAB.rootMfaBackup),
  },
  'security-questions': {
    title: 'Security challenge questions (retired) are not relied on',
    resource: 'account',
    remediation:
      `Make sure account recovery does not depend on security challenge questions: keep the root e-mail ` +
      `address, phone number and MFA devices current (Account > Contact information). ${THEN_RECORD}`,
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html',
    note: 'AWS retired security challenge questions (no new ones since January 2024, not editable since January 2025).',
    // v5.0.0 dropped the recommendation, which is why every later v3/v4 number is one higher.
    references: [...cis({ '3.0.0': '1.3', '4.0.1': '1.3' }), ...lab(LAB.securityQuestions)],
  },
  'credential-report-reviewed': {
    title: 'The IAM credential report was reviewed',
    resource: 'account',
    remediation:
      `Download the credential report (IAM console > Credential report, or aws iam generate-credential-report then ` +
      `aws iam get-credential-report) and review unused users, passwords and keys. ${THEN_RECORD}`,
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html',
    references: lab(LAB.credentialReport),
  },
  'central-identity': {
    title: 'People sign in through a central identity provider (federation or IAM Identity Center), not IAM users',
    resource: 'account',
    remediation:
      'Give people access through IAM Identity Center (or SAML/OIDC federation to roles) from one identity source ' +
      'for every account, ' +
      'and remove IAM users that people sign in with (aws iam list-users; aws sso-admin list-instances shows ' +
      'Identity Center). ' +
      `No API tells a person's user from a workload's, so this is attested. ${THEN_RECORD}`,
    docs: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/what-is.html',
    references: cis({ '3.0.0': '1.21', '4.0.1': '1.21', '5.0.0': '1.20', '6.0.0': '2.20', '7.0.0': '2.19' }),
  },
};

/** The definition used for one named attestation: the well-known ones get their own title and remediation. */
export function attestationDefinition(name: string): ControlDefinition {
  const known = WELL_KNOWN_ATTESTATIONS[name];
  return {
    ...genericControl,
    id: `attestations.${name}`,
    key: name,
    title: known?.title ?? `Attestation \`${name}\` is current`,
    remediation: known?.remediation ?? genericControl.remediation,
    docs: known?.docs ?? DOCS,
    references: known?.references ?? [],
  };
}

export function evaluateAttestations({ policy, now }: EvaluationContext): Finding[] {
  return Object.entries(policy.attestations ?? {}).map(([name, attestation]) => {
    const definition = attestationDefinition(name);
    const known = WELL_KNOWN_ATTESTATIONS[name];
    const verdict = judge(attestation, now);
    const note = known?.note ? ` ${known.note}` : '';
    return makeFinding(policy, definition, {
      status: verdict.ok ? 'pass' : 'fail',
      resource: known?.resource ?? 'account',
      expected: `verified within the last ${days(attestation.maxAgeDays)}`,
      actual: verdict.actual,
      message: `${definition.title}: ${verdict.sentence}.${note}`,
      locationKey: verdict.dated ? `attestations.${name}.lastVerified` : `attestations.${name}`,
    });
  });
}

interface Verdict {
  ok: boolean;
  actual: string;
  sentence: string;
  /** True when the finding is about the date itself (located at `lastVerified`). */
  dated: boolean;
}

function judge(attestation: Attestation, now: Date): Verdict {
  if (attestation.lastVerified === undefined) {
    return { ok: false, actual: 'never attested', sentence: 'not attested yet (no `lastVerified` date)', dated: false };
  }
  const verified = parseIsoDate(attestation.lastVerified);
  if (!verified) {
    return {
      ok: false,
      actual: `invalid date ${String(attestation.lastVerified)}`,
      sentence: 'its `lastVerified` is not a date',
      dated: true,
    };
  }
  const day = formatIsoDate(verified);
  // A date written today east of UTC (up to UTC+14) can be tomorrow's in UTC: one day ahead still counts as today.
  const elapsed = daysBetween(verified, now);
  if (elapsed < -1) {
    return {
      ok: false,
      actual: `dated in the future (${day})`,
      sentence: `lastVerified ${day} is in the future`,
      dated: true,
    };
  }
  const age = Math.max(0, elapsed);
  const actual = `last verified ${day} (${days(age)} ago)`;
  if (age > attestation.maxAgeDays) {
    return {
      ok: false,
      actual,
      sentence: `stale, last verified ${day}, ${days(age)} ago (at most ${days(attestation.maxAgeDays)} allowed)`,
      dated: true,
    };
  }
  return { ok: true, actual, sentence: `last verified ${day}, ${days(age)} ago`, dated: false };
}

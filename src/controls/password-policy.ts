/**
 * IAM account password policy: CIS AWS Foundations length and reuse (v5.0.0 1.7 and 1.8; ids per version in each
 * control's `references`), Security Hub IAM.11-IAM.17, and the Well-Architected lab's password policy step.
 */
import type { Finding, Reference } from '../findings.js';
import type { PasswordPolicyExpectation } from '../policy/types.js';
import type { PasswordPolicyState } from '../state/types.js';
import { defineArea } from './area.js';
import {
  type ControlDefinition,
  type ControlSpec,
  type EvaluationContext,
  type JsonSchema,
  defineControls,
  makeFinding,
  unreadableFinding,
} from './control.js';
import { LAB, cis, lab, securityHub } from './references.js';

const DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html';
const CONSOLE = 'IAM console > Account settings > Password policy > Edit';

type Field = keyof PasswordPolicyExpectation;
type Comparison = 'atLeast' | 'requiredTrue' | 'maxAge' | 'exact';

interface FieldRule {
  field: Field;
  title: string;
  comparison: Comparison;
  cliFlag: string;
  severity: ControlDefinition['severity'];
  /** The JSON Schema of the value in the policy file. */
  schema: JsonSchema;
  /** The CIS and Security Hub recommendations of this setting (the lab asks for the whole policy). */
  references?: readonly Reference[];
}

const BOOLEAN: JsonSchema = { description: 'true = required; false = not checked.', type: 'boolean' };

const FIELD_RULES: readonly FieldRule[] = [
  // Titles are the console's own labels, so a finding names what a person will look for on the page.
  {
    field: 'minimumLength',
    title: 'Password minimum length',
    comparison: 'atLeast',
    cliFlag: '--minimum-password-length N',
    severity: 'medium',
    schema: { description: 'At least this many characters (AWS: 6-128).', type: 'integer', minimum: 6, maximum: 128 },
    references: [
      ...cis({ '3.0.0': '1.8', '4.0.1': '1.8', '5.0.0': '1.7', '6.0.0': '2.7', '7.0.0': '2.8' }),
      ...securityHub('IAM.15'),
    ],
  },
  {
    field: 'requireSymbols',
    title: 'Require at least one non-alphanumeric character',
    comparison: 'requiredTrue',
    cliFlag: '--require-symbols',
    severity: 'medium',
    schema: BOOLEAN,
    references: securityHub('IAM.13'),
  },
  {
    field: 'requireNumbers',
    title: 'Require at least one number',
    comparison: 'requiredTrue',
    cliFlag: '--require-numbers',
    severity: 'medium',
    schema: BOOLEAN,
    references: securityHub('IAM.14'),
  },
  {
    field: 'requireUppercase',
    title: 'Require at least one uppercase letter',
    comparison: 'requiredTrue',
    cliFlag: '--require-uppercase-characters',
    severity: 'medium',
    schema: BOOLEAN,
    references: securityHub('IAM.11'),
  },
  {
    field: 'requireLowercase',
    title: 'Require at least one lowercase letter',
    comparison: 'requiredTrue',
    cliFlag: '--require-lowercase-characters',
    severity: 'medium',
    schema: BOOLEAN,
    references: securityHub('IAM.12'),
  },
  {
    field: 'allowUsersToChangePassword',
    title: 'Allow users to change their own password',
    comparison: 'requiredTrue',
    cliFlag: '--allow-users-to-change-password',
    severity: 'medium',
    schema: BOOLEAN,
  },
  {
    field: 'maxAgeDays',
    title: 'Turn on password expiration',
    comparison: 'maxAge',
    cliFlag: '--max-password-age N',
    severity: 'medium',
    schema: {
      description: 'Passwords must expire within this many days (AWS: 1-1095).',
      type: 'integer',
      minimum: 1,
      maximum: 1095,
    },
    references: securityHub('IAM.17'),
  },
  {
    field: 'reusePrevention',
    title: 'Prevent password reuse',
    comparison: 'atLeast',
    cliFlag: '--password-reuse-prevention N',
    severity: 'medium',
    schema: {
      description: 'At least this many previous passwords remembered (AWS: 1-24).',
      type: 'integer',
      minimum: 1,
      maximum: 24,
    },
    references: [
      ...cis({ '3.0.0': '1.9', '4.0.1': '1.9', '5.0.0': '1.8', '6.0.0': '2.8', '7.0.0': '2.9' }),
      ...securityHub('IAM.16'),
    ],
  },
  {
    field: 'hardExpiry',
    title: 'Password expiration requires administrator reset',
    comparison: 'exact',
    cliFlag: '--hard-expiry / --no-hard-expiry',
    severity: 'low',
    schema: { description: 'Exact: whether expired passwords need an administrator reset.', type: 'boolean' },
  },
];

function remediationFor(what: string, cliFlag: string): string {
  return (
    `${CONSOLE}: ${what}. CLI: aws iam update-account-password-policy ${cliFlag} ` +
    '(the call replaces the whole policy: pass every setting you want to keep).'
  );
}

const SOURCES = ['passwordPolicy'] as const;

function fieldSpec(rule: FieldRule): ControlSpec {
  return {
    title: rule.title,
    severity: rule.severity,
    sources: SOURCES,
    remediation: remediationFor(`set "${rule.title}"`, rule.cliFlag),
    docs: DOCS,
    schema: rule.schema,
    references: [...(rule.references ?? []), ...lab(LAB.passwordPolicy)],
  };
}

const CONTROLS = defineControls<Field | 'exists'>('passwordPolicy', {
  exists: {
    title: 'An IAM password policy is set',
    severity: 'high',
    sources: SOURCES,
    remediation: remediationFor('set a custom password policy', '--minimum-password-length 14 --require-symbols ...'),
    docs: DOCS,
    references: lab(LAB.passwordPolicy),
  },
  ...(Object.fromEntries(FIELD_RULES.map((rule) => [rule.field, fieldSpec(rule)])) as Record<Field, ControlSpec>),
});
const existsControl = CONTROLS.exists;

export const passwordPolicyArea = defineArea({
  id: 'passwordPolicy',
  title: 'Password policy',
  description: 'IAM account password policy.',
  controls: CONTROLS,
  evaluate: evaluatePasswordPolicy,
});

/** The live value of a field, rendered for humans, and whether it satisfies the desired value. */
function compare(
  rule: FieldRule,
  desired: number | boolean,
  live: PasswordPolicyState,
): { actual: string; expected: string; ok: boolean } {
  switch (rule.comparison) {
    case 'atLeast': {
      const liveValue =
        rule.field === 'minimumLength' ? live.minimumPasswordLength : (live.passwordReusePrevention ?? 0);
      return {
        actual: liveValue === 0 ? 'off' : String(liveValue),
        expected: `>= ${String(desired)}`,
        ok: liveValue >= Number(desired),
      };
    }
    case 'requiredTrue': {
      const liveValue = liveBoolean(rule.field, live);
      if (desired !== true) return { actual: String(liveValue), expected: 'not checked', ok: true };
      return { actual: String(liveValue), expected: 'true', ok: liveValue };
    }
    case 'maxAge': {
      const age = live.expirePasswords ? live.maxPasswordAge : undefined;
      return {
        actual: age === undefined ? 'passwords never expire' : `${age} day${age === 1 ? '' : 's'}`,
        expected: `<= ${String(desired)} day${Number(desired) === 1 ? '' : 's'}`,
        ok: age !== undefined && age <= Number(desired),
      };
    }
    case 'exact':
      return { actual: String(live.hardExpiry), expected: String(desired), ok: live.hardExpiry === desired };
  }
}

function liveBoolean(field: Field, live: PasswordPolicyState): boolean {
  switch (field) {
    case 'requireSymbols':
      return live.requireSymbols;
    case 'requireNumbers':
      return live.requireNumbers;
    case 'requireUppercase':
      return live.requireUppercaseCharacters;
    case 'requireLowercase':
      return live.requireLowercaseCharacters;
    default:
      return live.allowUsersToChangePassword;
  }
}

/** One sentence in the console's terms: `"Require at least one number" is off; expected on.` */
function describe(rule: FieldRule, actual: string, expected: string, ok: boolean): string {
  switch (rule.comparison) {
    case 'maxAge': {
      const live = actual === 'passwords never expire' ? 'Passwords never expire' : `Passwords expire after ${actual}`;
      return ok ? `${live} (expected ${expected}).` : `${live}; expected ${expected}.`;
    }
    case 'atLeast':
      return ok
        ? `${rule.title} is ${actual} (expected ${expected}).`
        : `${rule.title} is ${actual}; expected ${expected}.`;
    default: {
      const onOff = (value: string): string => (value === 'true' ? 'on' : value === 'false' ? 'off' : value);
      const live = `"${rule.title}" is ${onOff(actual)}`;
      if (expected === 'not checked') return `${live} (not checked).`;
      return ok ? `${live}, as expected.` : `${live}; expected ${onOff(expected)}.`;
    }
  }
}

export function evaluatePasswordPolicy({ policy, state }: EvaluationContext): Finding[] {
  const expectation = policy.passwordPolicy;
  if (!expectation) return [];
  const declared = FIELD_RULES.filter((rule) => expectation[rule.field] !== undefined);
  const source = state.passwordPolicy;

  if (!source || !source.ok) {
    return [existsControl, ...declared.map((rule) => CONTROLS[rule.field])].map((definition) =>
      unreadableFinding(policy, definition, source, 'the IAM password policy', 'account'),
    );
  }

  const live = source.value;
  const findings: Finding[] = [
    makeFinding(policy, existsControl, {
      status: live ? 'pass' : 'fail',
      resource: 'account',
      expected: 'a password policy',
      actual: live ? 'set' : 'none (AWS default policy applies)',
      message: live ? 'The account has an IAM password policy.' : 'The account has no IAM password policy.',
      locationKey: 'passwordPolicy',
    }),
  ];

  for (const rule of declared) {
    const definition = CONTROLS[rule.field];
    const desired = expectation[rule.field] as number | boolean;
    if (!live) {
      findings.push(
        makeFinding(policy, definition, {
          status: 'skipped',
          resource: 'account',
          expected: String(desired),
          actual: 'no password policy',
          message: 'Skipped: no password policy (see passwordPolicy.exists).',
        }),
      );
      continue;
    }
    const { actual, expected, ok } = compare(rule, desired, live);
    findings.push(
      makeFinding(policy, definition, {
        status: ok ? 'pass' : 'fail',
        resource: 'account',
        expected,
        actual,
        message: describe(rule, actual, expected, ok),
      }),
    );
  }
  return findings;
}

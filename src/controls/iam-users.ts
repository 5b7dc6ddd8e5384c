/**
 * IAM users' credential hygiene, from the credential report (CIS AWS Foundations v5.0.0 1.9 and 1.11-1.13; ids per
 * version in each control's `references`). The root row is not a user here.
 */
import type { Finding, Status } from '../findings.js';
import type { IamUsersExpectation } from '../policy/types.js';
import { type CredentialReportRow, ROOT_ACCOUNT_ROW } from '../state/types.js';
import { activeAccessKeys } from './access-keys.js';
import { defineArea } from './area.js';
import { type EvaluationContext, defineControls, makeFinding, unreadableFinding } from './control.js';
import { formatIsoDate } from '../dates.js';
import { dayCount, describeDay, reportDate, wholeDaysSince } from './dates.js';
import { LAB, cis, lab, securityHub } from './references.js';

const USER_CONSOLE = 'IAM console > Users > USER > Security credentials';
const ROTATING_KEYS_DOCS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console';

type Key = keyof IamUsersExpectation;

const DEFINITIONS = defineControls<Key>('iamUsers', {
  consoleMfa: {
    title: 'Every IAM user with a console password has MFA (hardware when required)',
    severity: 'high',
    sources: ['credentialReport'],
    conditionalSources: { sources: ['virtualMfaDevices'], when: (value) => value === 'hardware' },
    remediation:
      `${USER_CONSOLE} > Multi-factor authentication (MFA) > Assign MFA device, or remove console access if the user ` +
      'does not need it. CLI: aws iam list-mfa-devices --user-name USER; aws iam delete-login-profile --user-name ' +
      'USER.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
    schema: {
      description: 'required: any MFA; hardware: MFA and no virtual MFA device.',
      enum: ['required', 'hardware'],
    },
    references: [
      ...cis({ '3.0.0': '1.10', '4.0.1': '1.10', '5.0.0': '1.9', '6.0.0': '2.9', '7.0.0': '2.10' }),
      ...securityHub('IAM.5'),
      ...lab(LAB.credentialReport),
    ],
  },
  initialSetupAccessKeys: {
    title: 'No access keys created at initial setup of console users',
    severity: 'low',
    sources: ['credentialReport'],
    remediation:
      `${USER_CONSOLE} > Access keys: delete the key that was never used. CLI: aws iam list-access-keys --user-name ` +
      `USER; ` +
      'aws iam delete-access-key --user-name USER --access-key-id AKIA...',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    schema: {
      description: 'forbidden: no user with a console password has an active access key that was never used.',
      enum: ['forbidden'],
    },
    // v7.0.0 dropped this recommendation; Security Hub has no control for it.
    references: cis({ '3.0.0': '1.11', '4.0.1': '1.11', '5.0.0': '1.10', '6.0.0': '2.10' }),
  },
  maxActiveAccessKeys: {
    title: 'IAM users have at most the allowed number of active access keys',
    severity: 'medium',
    sources: ['credentialReport'],
    remediation:
      `${USER_CONSOLE} > Access keys > Actions > Deactivate, then Delete. CLI: aws iam update-access-key ` +
      `--user-name USER ` +
      '--access-key-id AKIA... --status Inactive; aws iam delete-access-key --user-name USER --access-key-id AKIA...',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    schema: { type: 'integer', minimum: 0, maximum: 2 },
    // v7.0.0 dropped this recommendation; Security Hub has no control for it.
    references: [
      ...cis({ '3.0.0': '1.13', '4.0.1': '1.13', '5.0.0': '1.12', '6.0.0': '2.12' }),
      ...lab(LAB.credentialReport),
    ],
  },
  maxAccessKeyAgeDays: {
    title: 'Active access keys are rotated in time',
    severity: 'medium',
    sources: ['credentialReport'],
    remediation:
      `${USER_CONSOLE} > Access keys: create a new key, move its consumers, then deactivate and delete the old one. ` +
      'CLI: aws iam create-access-key --user-name USER; aws iam update-access-key --user-name USER --access-key-id ' +
      'OLD --status Inactive; aws iam delete-access-key --user-name USER --access-key-id OLD. Better: replace keys ' +
      'with roles.',
    docs: ROTATING_KEYS_DOCS,
    schema: { $ref: '#/$defs/days' },
    references: [
      ...cis({ '3.0.0': '1.14', '4.0.1': '1.14', '5.0.0': '1.13', '6.0.0': '2.13', '7.0.0': '2.12' }),
      ...securityHub('IAM.3'),
      ...lab(LAB.credentialReport),
    ],
  },
  maxUnusedCredentialDays: {
    title: 'Unused passwords and access keys are removed',
    severity: 'medium',
    sources: ['credentialReport'],
    remediation:
      `${USER_CONSOLE}: remove console access and deactivate or delete unused keys. CLI: aws iam ` +
      `delete-login-profile ` +
      '--user-name USER; aws iam update-access-key --user-name USER --access-key-id AKIA... --status Inactive.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
    schema: { $ref: '#/$defs/days' },
    references: [
      ...cis({ '3.0.0': '1.12', '4.0.1': '1.12', '5.0.0': '1.11', '6.0.0': '2.11', '7.0.0': '2.11' }),
      ...securityHub('IAM.22'),
      ...lab(LAB.credentialReport),
    ],
  },
});

/** A user the control objects to: `fail`, or `error` when a date it needs is not in the report. */
interface Offence {
  status: Extract<Status, 'fail' | 'error'>;
  actual: string;
  message: string;
}

interface UserRule {
  key: Key;
  expected: string;
  /** Which users the rule looks at (the pass summary counts them). */
  appliesTo(row: CredentialReportRow): boolean;
  check(row: CredentialReportRow): Offence | undefined;
  /** The one pass finding for the compliant users; `count` users were checked and were fine. */
  summary(count: number, hadOffenders: boolean): string;
}

function usersWord(count: number): string {
  return count === 1 ? '1 IAM user' : `${count} IAM users`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "the other IAM user", "the other 3 IAM users" */
function otherUsers(count: number): string {
  return count === 1 ? 'the other IAM user' : `the other ${count} IAM users`;
}

/** `virtualArns`: users holding a virtual MFA device, when hardware MFA is required. */
function consoleMfaRule(virtualArns?: ReadonlySet<string>): UserRule {
  return {
    key: 'consoleMfa',
    expected: virtualArns
      ? 'hardware MFA for every user with a console password'
      : 'MFA for every user with a console password',
    appliesTo: (row) => row.passwordEnabled === true,
    check(row) {
      if (row.mfaActive && virtualArns?.has(row.arn)) {
        return {
          status: 'fail',
          actual: 'virtual MFA device',
          message: `IAM user ${row.user} has a console password and a virtual MFA device; hardware MFA is required.`,
        };
      }
      if (row.mfaActive) return undefined;
      const used = reportDate(row.passwordLastUsed);
      const usage = used ? `last used ${formatIsoDate(used)}` : 'never used';
      return {
        status: 'fail',
        actual: 'console password, no MFA',
        message: `IAM user ${row.user} has a console password (${usage}) and no MFA device.`,
      };
    },
    summary: (count, hadOffenders) => {
      if (count === 0) return 'No IAM user has a console password.';
      const who = hadOffenders
        ? capitalized(otherUsers(count))
        : count === 1
          ? 'The only IAM user'
          : `All ${usersWord(count)}`;
      return `${who} with a console password ${count === 1 ? 'has' : 'have'} ${virtualArns ? 'hardware ' : ''}MFA.`;
    },
  };
}

/** CIS v5 1.10 (as its audit and Prowler read it): a console user's active key whose last-used date is N/A. */
function initialSetupKeysRule(): UserRule {
  const neverUsed = (row: CredentialReportRow): number[] => [
    ...(row.accessKey1Active && reportDate(row.accessKey1LastUsedDate) === undefined ? [1] : []),
    ...(row.accessKey2Active && reportDate(row.accessKey2LastUsedDate) === undefined ? [2] : []),
  ];
  return {
    key: 'initialSetupAccessKeys',
    expected: 'no never-used active access key on a console user',
    appliesTo: (row) => row.passwordEnabled === true,
    check(row) {
      const keys = neverUsed(row);
      if (keys.length === 0) return undefined;
      const named = keys.map((number) => `access key ${number}`).join(' and ');
      return {
        status: 'fail',
        actual: `${named} active, never used`,
        message:
          `IAM user ${row.user} has a console password and ${named} active but never used (created at setup ` +
          `and not needed).`,
      };
    },
    summary: (count, hadOffenders) =>
      count === 0
        ? 'No IAM user has a console password.'
        : hadOffenders
          ? `${capitalized(otherUsers(count))} with a console password ${count === 1 ? 'has' : 'have'} no ` +
            `never-used active access key.`
          : `No IAM user with a console password has a never-used active access key (${usersWord(count)} checked).`,
  };
}

function maxActiveKeysRule(max: number, now: Date): UserRule {
  return {
    key: 'maxActiveAccessKeys',
    expected: `at most ${max} active access key${max === 1 ? '' : 's'}`,
    appliesTo: (row) => activeAccessKeys(row).length > 0,
    check(row) {
      const keys = activeAccessKeys(row);
      if (keys.length <= max) return undefined;
      const described = keys
        .map((key) => `key ${key.number} created ${key.created ? describeDay(key.created, now) : 'on an unknown date'}`)
        .join(', ');
      return {
        status: 'fail',
        actual: `${keys.length} active access key${keys.length === 1 ? '' : 's'}`,
        message:
          `IAM user ${row.user} has ${keys.length} active access key${keys.length === 1 ? '' : 's'} ` +
          `(${described}); at most ${max} allowed.`,
      };
    },
    summary: (count, hadOffenders) =>
      hadOffenders
        ? `${capitalized(otherUsers(count))} with active keys ${count === 1 ? 'has' : 'have'} at most ${max} active ` +
          `access key${max === 1 ? '' : 's'}.`
        : `Every IAM user has at most ${max} active access key${max === 1 ? '' : 's'} (${usersWord(count)} with ` +
          `active keys checked).`,
  };
}

function keyAgeRule(maxDays: number, now: Date): UserRule {
  return {
    key: 'maxAccessKeyAgeDays',
    expected: `active access keys at most ${dayCount(maxDays)} old`,
    appliesTo: (row) => activeAccessKeys(row).length > 0,
    check(row) {
      const keys = activeAccessKeys(row);
      const undated = keys.filter((key) => !key.created);
      if (undated.length > 0) {
        return {
          status: 'error',
          actual: 'creation date unknown',
          message:
            `IAM user ${row.user}: the credential report gives no creation date for active access key ` +
            `${undated.map((key) => key.number).join(' and ')}.`,
        };
      }
      const old = keys.flatMap((key) =>
        key.created && wholeDaysSince(key.created, now) > maxDays ? [{ number: key.number, created: key.created }] : [],
      );
      if (old.length === 0) return undefined;
      return {
        status: 'fail',
        actual: old.map((key) => `key ${key.number}: ${dayCount(wholeDaysSince(key.created, now))}`).join(', '),
        message:
          `IAM user ${row.user} has active access keys older than ${dayCount(maxDays)}: ` +
          `${old.map((key) => `key ${key.number} created ${describeDay(key.created, now)}`).join(', ')}.`,
      };
    },
    summary: (count, hadOffenders) =>
      hadOffenders
        ? `The active access keys of ${otherUsers(count)} with active keys are at most ${dayCount(maxDays)} old.`
        : `Every active access key is at most ${dayCount(maxDays)} old (${usersWord(count)} with active keys checked).`,
  };
}

interface Credential {
  what: string;
  /** Last use, or when never used, the moment the credential came to be. */
  since: Date | undefined;
  neverUsed: boolean;
  /** For a never-used credential: what `since` is ("it was created", "it was set", "the user was created"). */
  origin: string;
}

const credentialsByRow = new WeakMap<CredentialReportRow, Credential[]>();

/** Never-used credentials count as unused from their creation (Prowler passes them; we do not). */
function credentialsOf(row: CredentialReportRow): Credential[] {
  const known = credentialsByRow.get(row);
  if (known) return known;
  const credentials: Credential[] = [];
  if (row.passwordEnabled === true) {
    const used = reportDate(row.passwordLastUsed);
    // A password given to an older user counts from when it was set (password_last_changed), not from the user's
    // creation.
    const set = reportDate(row.passwordLastChanged);
    const origin = set ? 'it was set' : 'the user was created';
    credentials.push({
      what: 'console password',
      since: used ?? set ?? reportDate(row.userCreationTime),
      neverUsed: !used,
      origin,
    });
  }
  for (const key of activeAccessKeys(row)) {
    credentials.push({
      what: `access key ${key.number}`,
      since: key.lastUsed ?? key.created,
      neverUsed: !key.lastUsed,
      origin: 'it was created',
    });
  }
  credentialsByRow.set(row, credentials);
  return credentials;
}

function unusedRule(maxDays: number, now: Date): UserRule {
  const describe = (credential: Credential & { since: Date }): string =>
    credential.neverUsed
      ? `${credential.what} never used since ${credential.origin} on ${describeDay(credential.since, now)}`
      : `${credential.what} last used ${describeDay(credential.since, now)}`;
  return {
    key: 'maxUnusedCredentialDays',
    expected: `no password or active key unused for ${dayCount(maxDays)} or more`,
    appliesTo: (row) => credentialsOf(row).length > 0,
    check(row) {
      const credentials = credentialsOf(row);
      const undated = credentials.filter((credential) => !credential.since);
      if (undated.length > 0) {
        return {
          status: 'error',
          actual: 'dates unknown',
          message:
            `IAM user ${row.user}: the credential report gives neither last use nor creation date for the ` +
            `${undated.map((c) => c.what).join(' and ')}.`,
        };
      }
      const stale = credentials.flatMap((credential) =>
        credential.since && wholeDaysSince(credential.since, now) >= maxDays
          ? [{ ...credential, since: credential.since }]
          : [],
      );
      if (stale.length === 0) return undefined;
      return {
        status: 'fail',
        actual: stale
          .map((credential) => `${credential.what}: ${dayCount(wholeDaysSince(credential.since, now))} unused`)
          .join(', '),
        message:
          `IAM user ${row.user} has credentials unused for ${dayCount(maxDays)} or more: ` +
          `${stale.map(describe).join('; ')}.`,
      };
    },
    summary: (count, hadOffenders) =>
      hadOffenders
        ? `${capitalized(otherUsers(count))} with credentials ${count === 1 ? 'has' : 'have'} no password or active ` +
          `access key unused for ${dayCount(maxDays)} or more.`
        : `No password or active access key has been unused for ${dayCount(maxDays)} or more (${usersWord(count)} ` +
          `with credentials checked).`,
  };
}

function rulesFor(
  expectation: IamUsersExpectation,
  now: Date,
  virtualArns: ReadonlySet<string> | undefined,
): UserRule[] {
  const rules: UserRule[] = [];
  if (expectation.consoleMfa === 'required') rules.push(consoleMfaRule());
  if (expectation.consoleMfa === 'hardware' && virtualArns) rules.push(consoleMfaRule(virtualArns));
  if (expectation.initialSetupAccessKeys === 'forbidden') rules.push(initialSetupKeysRule());
  if (expectation.maxActiveAccessKeys !== undefined)
    rules.push(maxActiveKeysRule(expectation.maxActiveAccessKeys, now));
  if (expectation.maxAccessKeyAgeDays !== undefined) rules.push(keyAgeRule(expectation.maxAccessKeyAgeDays, now));
  if (expectation.maxUnusedCredentialDays !== undefined)
    rules.push(unusedRule(expectation.maxUnusedCredentialDays, now));
  return rules;
}

/** One finding per offending user, plus one pass finding for the rest (omitted when nobody else was checked). */
function applyRule(context: EvaluationContext, rule: UserRule, users: readonly CredentialReportRow[]): Finding[] {
  const definition = DEFINITIONS[rule.key];
  const findings: Finding[] = [];
  let compliant = 0;
  for (const row of users.filter((user) => rule.appliesTo(user))) {
    const offence = rule.check(row);
    if (!offence) {
      compliant += 1;
      continue;
    }
    findings.push(
      makeFinding(context.policy, definition, {
        status: offence.status,
        resource: row.user,
        expected: rule.expected,
        actual: offence.actual,
        message: offence.message,
      }),
    );
  }
  if (findings.length === 0 || compliant > 0) {
    findings.push(
      makeFinding(context.policy, definition, {
        status: 'pass',
        resource: 'iam-users',
        expected: rule.expected,
        actual: findings.length === 0 ? 'all compliant' : `${compliant} compliant`,
        message: rule.summary(compliant, findings.length > 0),
      }),
    );
  }
  return findings;
}

export const iamUsersArea = defineArea({
  id: 'iamUsers',
  title: 'IAM users',
  description: 'Credential hygiene of IAM users (from the credential report).',
  controls: DEFINITIONS,
  evaluate: evaluateIamUsers,
});

export function evaluateIamUsers(context: EvaluationContext): Finding[] {
  const expectation = context.policy.iamUsers;
  if (!expectation) return [];
  // Hardware MFA also needs the virtual devices: without them the control is an error, never a pass.
  const devices = context.state.virtualMfaDevices;
  const hardware = expectation.consoleMfa === 'hardware';
  const virtualArns =
    hardware && devices?.ok
      ? new Set(devices.value.flatMap((device) => (device.userArn ? [device.userArn] : [])))
      : undefined;
  const findings: Finding[] = [];
  if (hardware && !devices?.ok) {
    findings.push(
      unreadableFinding(
        context.policy,
        DEFINITIONS.consoleMfa,
        devices,
        'the virtual MFA devices',
        'iam-users',
        'hardware MFA for every user with a console password',
      ),
    );
  }
  const rules = rulesFor(expectation, context.now, virtualArns);
  const report = context.state.credentialReport;
  if (!report || !report.ok) {
    return [
      ...findings,
      ...rules.map((rule) =>
        unreadableFinding(
          context.policy,
          DEFINITIONS[rule.key],
          report,
          'the credential report',
          'iam-users',
          rule.expected,
        ),
      ),
    ];
  }
  const users = report.value.rows.filter((row) => row.user !== ROOT_ACCOUNT_ROW);
  return [...findings, ...rules.flatMap((rule) => applyRule(context, rule, users))];
}

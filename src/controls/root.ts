/**
 * Root user: CIS AWS Foundations root recommendations (v5.0.0 1.3-1.6; ids per version in each control's
 * `references`) and the Well-Architected lab "Account Settings & Root User Security". Also whether the
 * organization manages its member accounts' root users centrally.
 */
import type { Finding } from '../findings.js';
import type { RootExpectation } from '../policy/types.js';
import {
  type AccountState,
  type AccountSummary,
  type CredentialReportRow,
  type Readable,
  ROOT_ACCOUNT_ROW,
} from '../state/types.js';
import { type AccessKey, accessKeysOf } from './access-keys.js';
import { defineArea } from './area.js';
import {
  type ControlDefinition,
  type EvaluationContext,
  defineControls,
  makeFinding,
  unreadableFinding,
} from './control.js';
import { formatIsoDate } from '../dates.js';
import { dayCount, describeDay, reportDate, wholeDaysSince } from './dates.js';
import { LAB, cis, lab, securityHub } from './references.js';

/** The root user's ARN in any partition (aws, aws-cn, aws-us-gov). */
const ROOT_ARN = /^arn:[^:]+:iam::\d{12}:root$/;
const ROOT_CONSOLE = 'Sign in as the root user > account menu (top right) > Security credentials';
/** With centralized root access, the management account can remove root credentials of a member account. */
const ASSUME_ROOT =
  'aws sts assume-root --target-principal MEMBER_ACCOUNT_ID ' +
  '--task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials';

const CONTROLS = defineControls('root', {
  mfa: {
    title: 'The root user has MFA (hardware when required)',
    severity: 'critical',
    sources: ['accountSummary', 'credentialReport'],
    conditionalSources: { sources: ['virtualMfaDevices'], when: (value) => value === 'hardware' },
    remediation:
      `${ROOT_CONSOLE} > Multi-factor authentication (MFA) > Assign MFA device; for "hardware" choose a security key ` +
      'or hardware TOTP token and remove any authenticator app. Check: aws iam get-account-summary ' +
      "--query 'SummaryMap.AccountMFAEnabled' and aws iam list-virtual-mfa-devices --assignment-status Assigned.",
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    schema: { description: 'required: any MFA; hardware: no virtual MFA device.', enum: ['required', 'hardware'] },
    references: [
      ...cis({ '3.0.0': '1.5', '4.0.1': '1.5', '5.0.0': '1.4', '6.0.0': '2.4', '7.0.0': '2.5' }),
      ...securityHub('IAM.9'),
      ...lab(LAB.rootMfa),
    ],
    conditionalReferences: {
      references: [
        ...cis({ '3.0.0': '1.6', '4.0.1': '1.6', '5.0.0': '1.5', '6.0.0': '2.5', '7.0.0': '2.6' }),
        ...securityHub('IAM.6'),
      ],
      when: (value) => value === 'hardware',
      values: 'hardware',
    },
  },
  accessKeys: {
    title: 'The root user has no access key',
    severity: 'critical',
    sources: ['accountSummary', 'credentialReport'],
    remediation:
      `${ROOT_CONSOLE} > Access keys > Actions > Delete (deactivating is not enough: an inactive key can be ` +
      `reactivated). CLI, with root credentials: aws iam delete-access-key --access-key-id AKIA...; from the ` +
      `management account with centralized root access: ${ASSUME_ROOT}, then aws iam delete-access-key with those ` +
      `credentials.`,
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
    schema: { enum: ['forbidden'] },
    references: [
      ...cis({ '3.0.0': '1.4', '4.0.1': '1.4', '5.0.0': '1.3', '6.0.0': '2.3', '7.0.0': '2.4' }),
      ...securityHub('IAM.4'),
      ...lab(LAB.rootAccessKeys),
    ],
  },
  signingCertificates: {
    title: 'The root user has no active X.509 signing certificate',
    severity: 'high',
    sources: ['accountSummary', 'credentialReport'],
    remediation:
      `${ROOT_CONSOLE} > X.509 certificate > Delete. CLI, with root credentials: aws iam delete-signing-certificate ` +
      `--certificate-id ID; with centralized root access: ${ASSUME_ROOT}, then the same call.`,
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
    schema: { enum: ['forbidden'] },
  },
  maxDaysSinceLastUse: {
    title: 'The root user is not used day to day',
    severity: 'high',
    sources: ['credentialReport'],
    remediation:
      'Find out who used the root user and why (CloudTrail: aws cloudtrail lookup-events --lookup-attributes ' +
      'AttributeKey=Username,AttributeValue=root); do daily work with IAM Identity Center or roles, and keep root ' +
      'for the few tasks that need it. Review: aws iam generate-credential-report && aws iam get-credential-report.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#root-user-tasks',
    schema: { description: 'Root sign-in or key use within this many days is a finding.', $ref: '#/$defs/days' },
    references: [
      ...cis({ '3.0.0': '1.7', '4.0.1': '1.7', '5.0.0': '1.6', '6.0.0': '2.6', '7.0.0': '2.7' }),
      // No Security Hub control: IAM.20 (retired April 2024) checked a CloudWatch alarm on root use (CIS v1.2.0).
      ...lab(LAB.rootNotUsed),
    ],
  },
  centralizedAccess: {
    title: 'The organization manages root access centrally (RootCredentialsManagement and RootSessions)',
    severity: 'medium',
    // Best-effort context for the other root controls, but this control reads nothing else: its permission is required.
    sources: ['organizationsFeatures'],
    remediation:
      'From the management account: IAM console > Root access management > Enable, with both "Root credentials ' +
      'management" and "Privileged root actions in member accounts". CLI: aws organizations ' +
      'enable-aws-service-access --service-principal iam.amazonaws.com; aws iam ' +
      'enable-organizations-root-credentials-management; aws iam enable-organizations-root-sessions. Check: aws iam ' +
      'list-organizations-features.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
    schema: {
      description:
        'required: both features enabled. Checked from the management account or the delegated administrator; ' +
        'skipped elsewhere.',
      enum: ['required'],
    },
    references: cis({ '7.0.0': '2.1.1' }),
  },
});
const {
  mfa: mfaControl,
  accessKeys: accessKeysControl,
  signingCertificates: signingCertificatesControl,
  maxDaysSinceLastUse: lastUseControl,
} = CONTROLS;

export const rootArea = defineArea({
  id: 'root',
  title: 'Root user',
  description: 'The root user.',
  controls: CONTROLS,
  // Applicability (does root have credentials at all?) looks at the summary, the report and the organization.
  contextSources: ['accountSummary', 'credentialReport', 'organizationsFeatures'],
  evaluate: evaluateRoot,
});

type Presence = 'present' | 'absent' | 'unknown';
type Applicability = { kind: 'applicable' } | { kind: 'notApplicable'; reason: string } | { kind: 'unknown' };

/** What was read about the root user; each control decides what it can conclude from it. */
interface RootEvidence {
  summarySource: Readable<AccountSummary> | undefined;
  summary: AccountSummary | undefined;
  rowSource: Readable<CredentialReportRow> | undefined;
  row: CredentialReportRow | undefined;
  reportGeneratedAt: string | undefined;
  applicability: Applicability;
}

function rootRowSource(state: AccountState): Readable<CredentialReportRow> | undefined {
  const report = state.credentialReport;
  if (!report || !report.ok) return report;
  const row = report.value.rows.find((candidate) => candidate.user === ROOT_ACCOUNT_ROW);
  return row
    ? { ok: true, value: row }
    : {
        ok: false,
        error: {
          code: 'NoRootRow',
          message: `the credential report has no ${ROOT_ACCOUNT_ROW} row`,
          action: 'iam:GetCredentialReport',
        },
      };
}

function missingSummaryKey(key: string): Readable<never> {
  return {
    ok: false,
    error: {
      code: 'MissingSummaryKey',
      message: `GetAccountSummary returned no ${key}`,
      action: 'iam:GetAccountSummary',
    },
  };
}

/** The summary counts credentials whatever their status; the report shows only active ones. Either "present" wins. */
function presence(summaryFlag: number | undefined, reportActive: boolean | undefined): Presence {
  if ((summaryFlag !== undefined && summaryFlag > 0) || reportActive === true) return 'present';
  if (summaryFlag === 0 || reportActive === false) return 'absent';
  return 'unknown';
}

function passwordPresence(summary: AccountSummary | undefined, row: CredentialReportRow | undefined): Presence {
  const flag = summary?.AccountPasswordPresent;
  if ((flag !== undefined && flag > 0) || row?.passwordEnabled === true) return 'present';
  if (flag === 0 || row?.passwordEnabled === false) return 'absent';
  // `not_supported` (what most root rows say) is no proof of absence: assume a password.
  return row ? 'present' : 'unknown';
}

function applicabilityOf(
  state: AccountState,
  summary: AccountSummary | undefined,
  row: CredentialReportRow | undefined,
): Applicability {
  const credentials = [
    passwordPresence(summary, row),
    presence(summary?.AccountAccessKeysPresent, row ? row.accessKey1Active || row.accessKey2Active : undefined),
    presence(summary?.AccountSigningCertificatesPresent, row ? row.cert1Active || row.cert2Active : undefined),
  ];
  if (credentials.includes('present')) return { kind: 'applicable' };
  if (credentials.includes('unknown')) return { kind: 'unknown' };
  const features = state.organizationsFeatures;
  const centralized = features?.ok && features.value.enabledFeatures.includes('RootCredentialsManagement');
  const context = centralized
    ? 'centralized root access is enabled in the organization'
    : 'a new member account, or centralized root access removed them';
  return {
    kind: 'notApplicable',
    reason: `the root user has no password, no access key and no signing certificate (${context})`,
  };
}

function gatherEvidence(state: AccountState): RootEvidence {
  const summarySource = state.accountSummary;
  const summary = summarySource?.ok ? summarySource.value : undefined;
  const rowSource = rootRowSource(state);
  const row = rowSource?.ok ? rowSource.value : undefined;
  const reportGeneratedAt = state.credentialReport?.ok ? state.credentialReport.value.generatedAt : undefined;
  return {
    summarySource,
    summary,
    rowSource,
    row,
    reportGeneratedAt,
    applicability: applicabilityOf(state, summary, row),
  };
}

function skipped(context: EvaluationContext, definition: ControlDefinition, expected: string, reason: string): Finding {
  return makeFinding(context.policy, definition, {
    status: 'skipped',
    resource: 'root',
    expected,
    actual: 'no root credentials',
    message: `Not applicable: ${reason}.`,
  });
}

function evaluateMfa(
  context: EvaluationContext,
  evidence: RootEvidence,
  mode: NonNullable<RootExpectation['mfa']>,
): Finding {
  const { policy, state } = context;
  const expected = mode === 'hardware' ? 'hardware MFA (no virtual MFA device on root)' : 'MFA enabled';
  if (!evidence.summary)
    return unreadableFinding(policy, mfaControl, evidence.summarySource, 'the IAM account summary', 'root', expected);
  const flag = evidence.summary.AccountMFAEnabled;
  if (flag === undefined)
    return unreadableFinding(
      policy,
      mfaControl,
      missingSummaryKey('AccountMFAEnabled'),
      'AccountMFAEnabled',
      'root',
      expected,
    );
  const enabled = flag > 0;
  const note = corroboration(evidence, enabled);

  if (!enabled) {
    if (evidence.applicability.kind === 'notApplicable')
      return skipped(context, mfaControl, expected, evidence.applicability.reason);
    if (evidence.applicability.kind === 'unknown') {
      return unreadableFinding(
        policy,
        mfaControl,
        evidence.rowSource,
        'the credential report (to tell whether the root user has credentials at all)',
        'root',
        expected,
      );
    }
    return makeFinding(policy, mfaControl, {
      status: 'fail',
      resource: 'root',
      expected,
      actual: 'MFA not enabled',
      message: `MFA is not enabled for the root user (AccountMFAEnabled = 0).${note}`,
    });
  }
  if (mode === 'required') {
    return makeFinding(policy, mfaControl, {
      status: 'pass',
      resource: 'root',
      expected,
      actual: 'MFA enabled',
      message: `MFA is enabled for the root user.${note}`,
    });
  }

  const devices = state.virtualMfaDevices;
  if (!devices || !devices.ok)
    return unreadableFinding(
      policy,
      mfaControl,
      devices,
      'the virtual MFA devices (to tell virtual from hardware MFA)',
      'root',
      expected,
    );
  const onRoot = devices.value.filter((device) => device.userArn !== undefined && ROOT_ARN.test(device.userArn));
  if (onRoot.length > 0) {
    const serials = onRoot.map((device) => device.serialNumber).join(', ');
    return makeFinding(policy, mfaControl, {
      status: 'fail',
      resource: 'root',
      expected,
      actual: `virtual MFA device ${serials}`,
      message: `The root user's MFA includes a virtual device (${serials}); hardware MFA is required.`,
    });
  }
  return makeFinding(policy, mfaControl, {
    status: 'pass',
    resource: 'root',
    expected,
    actual: 'MFA enabled, no virtual device',
    message:
      `MFA is enabled for the root user and no virtual MFA device is assigned to it (a FIDO security key or ` +
      `a hardware TOTP token; IAM lists a synced passkey like a security key, and a synced passkey is not hardware: ` +
      `check which it is).${note}`,
  });
}

/** The credential report may be hours older than the summary: a disagreement is worth a sentence, not a verdict. */
function corroboration(evidence: RootEvidence, enabled: boolean): string {
  if (!evidence.row || evidence.row.mfaActive === enabled) return '';
  const when = evidence.reportGeneratedAt ? ` generated ${evidence.reportGeneratedAt}` : '';
  return (
    ` The credential report${when} says mfa_active is ${String(evidence.row.mfaActive)}; GetAccountSummary is ` +
    `current and decides.`
  );
}

function describeKey(key: AccessKey, now: Date): string {
  const created = key.created ? `created ${formatIsoDate(key.created)}` : 'creation date unknown';
  const used = key.lastUsed ? `last used ${describeDay(key.lastUsed, now)}` : 'never used';
  return `access key ${key.number} (${created}, ${used})`;
}

function evaluateAccessKeys(context: EvaluationContext, evidence: RootEvidence): Finding {
  const { policy, now } = context;
  const expected = 'no root access key';
  const { summary, row } = evidence;
  if (!summary && !row)
    return unreadableFinding(
      policy,
      accessKeysControl,
      evidence.summarySource,
      'the IAM account summary or the credential report',
      'root',
      expected,
    );
  const flag = summary?.AccountAccessKeysPresent;
  const keys = row ? accessKeysOf(row) : [];
  const active = keys.filter((key) => key.active);
  const fail = (actual: string, message: string): Finding =>
    makeFinding(policy, accessKeysControl, { status: 'fail', resource: 'root', expected, actual, message });

  if (active.length > 0) {
    const plural = active.length === 1 ? 'an active access key' : `${active.length} active access keys`;
    return fail(
      `${active.length} active`,
      `The root user has ${plural}: ${active.map((key) => describeKey(key, now)).join('; ')}.`,
    );
  }
  // AccountAccessKeysPresent counts inactive keys too (CIS 1.4 notes this): an inactive key still exists.
  const inactiveInReport = keys.some((key) => key.created !== undefined);
  if ((flag !== undefined && flag > 0) || inactiveInReport) {
    return row
      ? fail(
          'inactive access key',
          'The root user has an inactive access key; it can be reactivated at any time, so delete it.',
        )
      : fail(
          'access key present (status unknown)',
          'The root user has an access key (AccountAccessKeysPresent = 1); the credential report, which ' +
            'tells active from inactive keys, could not be read.',
        );
  }
  if (evidence.applicability.kind === 'notApplicable')
    return skipped(context, accessKeysControl, expected, evidence.applicability.reason);
  if (flag === undefined) {
    // The report shows no active key, but only the summary can rule out an inactive one.
    const source = summary ? missingSummaryKey('AccountAccessKeysPresent') : evidence.summarySource;
    return unreadableFinding(
      policy,
      accessKeysControl,
      source,
      'the IAM account summary (to rule out inactive root keys)',
      'root',
      expected,
    );
  }
  return makeFinding(policy, accessKeysControl, {
    status: 'pass',
    resource: 'root',
    expected,
    actual: 'none',
    message: 'The root user has no access key.',
  });
}

function evaluateSigningCertificates(context: EvaluationContext, evidence: RootEvidence): Finding {
  const { policy } = context;
  const expected = 'no active root signing certificate';
  const flag = evidence.summary?.AccountSigningCertificatesPresent;
  const { row } = evidence;
  if (evidence.applicability.kind === 'notApplicable')
    return skipped(context, signingCertificatesControl, expected, evidence.applicability.reason);
  if (!row) {
    if (flag === 0) {
      return makeFinding(policy, signingCertificatesControl, {
        status: 'pass',
        resource: 'root',
        expected,
        actual: 'none',
        message: 'The root user has no signing certificate.',
      });
    }
    return unreadableFinding(
      policy,
      signingCertificatesControl,
      evidence.rowSource,
      'the credential report',
      'root',
      expected,
    );
  }
  const active = [
    { number: 1, active: row.cert1Active, rotated: reportDate(row.cert1LastRotated) },
    { number: 2, active: row.cert2Active, rotated: reportDate(row.cert2LastRotated) },
  ].filter((cert) => cert.active);
  if (active.length > 0) {
    const described = active
      .map((cert) => `certificate ${cert.number}${cert.rotated ? ` (uploaded ${formatIsoDate(cert.rotated)})` : ''}`)
      .join(', ');
    return makeFinding(policy, signingCertificatesControl, {
      status: 'fail',
      resource: 'root',
      expected,
      actual: `${active.length} active`,
      message: `The root user has an active X.509 signing certificate: ${described}.`,
    });
  }
  const inactiveNote =
    flag !== undefined && flag > 0 ? ' An inactive certificate exists; delete it if it is not needed.' : '';
  return makeFinding(policy, signingCertificatesControl, {
    status: 'pass',
    resource: 'root',
    expected,
    actual: inactiveNote ? 'inactive only' : 'none',
    message: `The root user has no active signing certificate.${inactiveNote}`,
  });
}

function evaluateLastUse(context: EvaluationContext, evidence: RootEvidence, windowDays: number): Finding {
  const { policy, now } = context;
  const expected = `no root sign-in or key use within ${dayCount(windowDays)}`;
  const { row } = evidence;
  if (!row)
    return unreadableFinding(policy, lastUseControl, evidence.rowSource, 'the credential report', 'root', expected);
  if (evidence.applicability.kind === 'notApplicable')
    return skipped(context, lastUseControl, expected, evidence.applicability.reason);

  // The most recent of the three, not the first one found: a key used today hides behind an old sign-in otherwise.
  const uses = [
    { what: 'password sign-in', when: reportDate(row.passwordLastUsed) },
    { what: 'access key 1', when: reportDate(row.accessKey1LastUsedDate) },
    { what: 'access key 2', when: reportDate(row.accessKey2LastUsedDate) },
  ].flatMap((use) => (use.when ? [{ what: use.what, when: use.when }] : []));
  const last = uses.reduce<(typeof uses)[number] | undefined>(
    (best, use) => (!best || use.when > best.when ? use : best),
    undefined,
  );
  if (!last) {
    return makeFinding(policy, lastUseControl, {
      status: 'pass',
      resource: 'root',
      expected,
      actual: 'never used',
      message: 'The credential report records no root sign-in and no root access key use.',
    });
  }
  const days = wholeDaysSince(last.when, now);
  const actual = `${last.what} on ${describeDay(last.when, now)}`;
  const recent = days < windowDays;
  return makeFinding(policy, lastUseControl, {
    status: recent ? 'fail' : 'pass',
    resource: 'root',
    expected,
    actual,
    message: recent
      ? `Root user used recently: ${actual}, within the ${windowDays}-day window.`
      : `Last root use: ${actual}, outside the ${windowDays}-day window.`,
  });
}

/** What centralized root access consists of: both features must be enabled. */
const CENTRALIZED_ROOT_FEATURES = ['RootCredentialsManagement', 'RootSessions'] as const;

/** The answers that mean "not the account to ask", with why, as AWS words them in error codes. */
const NOT_HERE: Readonly<Record<string, string>> = {
  AccountNotManagementOrDelegatedAdministratorException:
    'this account is an organization member: only the management account or the delegated administrator for ' +
    'centralized root access can read the setting, so check it there',
  OrganizationNotFoundException:
    'this account is not in an organization, and centralized root access is an AWS Organizations feature',
};

/**
 * `root.centralizedAccess`: the organization manages member accounts' root users centrally (IAM "centralized root
 * access": RootCredentialsManagement and RootSessions). Only the management account or the delegated administrator
 * for it can read the setting; anywhere else the control is skipped with the reason, never passed.
 */
function evaluateCentralizedRootAccess(context: EvaluationContext, definition: ControlDefinition): Finding {
  const { policy } = context;
  const source = context.state.organizationsFeatures;
  const resource = 'organization';
  const expected = `${CENTRALIZED_ROOT_FEATURES.join(' and ')} enabled`;
  if (source && !source.ok) {
    const reason = NOT_HERE[source.error.code];
    if (reason) {
      return makeFinding(policy, definition, {
        status: 'skipped',
        resource,
        expected,
        actual: source.error.code,
        message: `Not applicable: ${reason}.`,
      });
    }
    if (source.error.code === 'OrganizationNotInAllFeaturesModeException') {
      return makeFinding(policy, definition, {
        status: 'fail',
        resource,
        expected,
        actual: 'organization without all features',
        message:
          'The organization has only consolidated billing; centralized root access needs all features enabled in ' +
          'AWS Organizations.',
      });
    }
  }
  if (!source || !source.ok)
    return unreadableFinding(policy, definition, source, 'the centralized root access settings', resource, expected);
  const enabled = source.value.enabledFeatures;
  const missing = CENTRALIZED_ROOT_FEATURES.filter((feature) => !enabled.includes(feature));
  const organization = source.value.organizationId ?? resource;
  if (missing.length > 0) {
    return makeFinding(policy, definition, {
      status: 'fail',
      resource: organization,
      expected,
      actual: enabled.length > 0 ? `enabled: ${enabled.join(', ')}` : 'none enabled',
      message:
        `Centralized root access is not fully enabled: ${missing.join(' and ')} ` +
        `${missing.length === 1 ? 'is' : 'are'} off.`,
    });
  }
  return makeFinding(policy, definition, {
    status: 'pass',
    resource: organization,
    expected,
    actual: `enabled: ${enabled.join(', ')}`,
    message: 'Centralized root access is enabled: root credentials management and privileged root sessions.',
  });
}

export function evaluateRoot(context: EvaluationContext): Finding[] {
  const expectation = context.policy.root;
  if (!expectation) return [];
  const evidence = gatherEvidence(context.state);
  const findings: Finding[] = [];
  if (expectation.mfa !== undefined) findings.push(evaluateMfa(context, evidence, expectation.mfa));
  if (expectation.accessKeys === 'forbidden') findings.push(evaluateAccessKeys(context, evidence));
  if (expectation.signingCertificates === 'forbidden') findings.push(evaluateSigningCertificates(context, evidence));
  if (expectation.maxDaysSinceLastUse !== undefined)
    findings.push(evaluateLastUse(context, evidence, expectation.maxDaysSinceLastUse));
  if (expectation.centralizedAccess === 'required')
    findings.push(evaluateCentralizedRootAccess(context, CONTROLS.centralizedAccess));
  return findings;
}

/**
 * What each AWS answer must hold to be believed, and the state read from it. A 200 is not enough: in the query
 * protocol (IAM, STS) the SDK parses an empty body or an HTML page into an empty output without complaint, and
 * a proxy or a broken endpoint can drop fields. Reading a missing field as false, 0 or "none" is safe for a
 * check but loosens on apply, and "no device", "no contact" are conclusions of absence. So an answer without a
 * field AWS always sends is unreadable (MalformedResponse): its controls are `error` and no write is based on it.
 *
 * "Always sent" is judged from the SDK's model (members it marks required) and, where the model marks nothing
 * required, from every answer the API reference and CLI documentation show.
 */
import type {
  GenerateCredentialReportCommandOutput,
  GetAccountPasswordPolicyCommandOutput,
  GetAccountSummaryCommandOutput,
  ListOrganizationsFeaturesCommandOutput,
  ListVirtualMFADevicesCommandOutput,
} from '@aws-sdk/client-iam';
import type { GetCallerIdentityCommandOutput } from '@aws-sdk/client-sts';
import type { GetAlternateContactCommandOutput, GetContactInformationCommandOutput } from '@aws-sdk/client-account';
import {
  type AccountSummary,
  type AlternateContact,
  type AlternateContactType,
  type ContactInformation,
  type CredentialReport,
  type PasswordPolicyState,
  type Readable,
  ROOT_ACCOUNT_ROW,
  type VirtualMfaDevice,
} from './types.js';

/** Its `name` is the read error's code (src/state/read-error.ts takes the name when there is no wire code). */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponse';
}

export function malformed(action: string, detail: string): MalformedResponseError {
  return new MalformedResponseError(`${action} answered ${detail}`);
}

type WithFields<T, K extends keyof T> = T & { [P in K]-?: NonNullable<T[P]> };

/** `value` with `fields` known present; throws naming every missing one. `where` names the structure. */
function requireFields<T extends object, K extends keyof T & string>(
  action: string,
  where: string,
  value: T,
  fields: readonly K[],
): WithFields<T, K> {
  const missing = fields.filter((field) => value[field] === undefined || value[field] === null);
  if (missing.length > 0) throw malformed(action, `${where} without ${missing.join(', ')}, which AWS always sends`);
  // tsc needs the assertion (T is not assignable to WithFields<T, K>); the rule misjudges it as a no-op.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  return value as WithFields<T, K>;
}

// ---- sts:GetCallerIdentity

export function identityFromAnswer(output: GetCallerIdentityCommandOutput): { accountId: string; arn: string } {
  const action = 'sts:GetCallerIdentity';
  const answer = requireFields(action, 'an identity', output, ['Account', 'Arn']);
  if (!/^\d{12}$/.test(answer.Account))
    throw malformed(action, `an account ID that is not 12 digits ("${answer.Account.slice(0, 40)}")`);
  return { accountId: answer.Account, arn: answer.Arn };
}

// ---- iam:GetAccountPasswordPolicy

/**
 * Every documented answer carries these six; ExpirePasswords, MaxPasswordAge, PasswordReusePrevention and
 * HardExpiry are left out when off (ExpirePasswords follows MaxPasswordAge, the API reference says).
 */
const POLICY_FIELDS = [
  'MinimumPasswordLength',
  'RequireSymbols',
  'RequireNumbers',
  'RequireUppercaseCharacters',
  'RequireLowercaseCharacters',
  'AllowUsersToChangePassword',
] as const;

/** UpdateAccountPasswordPolicy's ranges: a value outside them cannot be what AWS holds. */
const LENGTH_RANGE = [6, 128] as const;
const MAX_AGE_RANGE = [1, 1095] as const;
const REUSE_RANGE = [1, 24] as const;

function inRange(value: number, [low, high]: readonly [number, number]): boolean {
  return Number.isInteger(value) && value >= low && value <= high;
}

export function passwordPolicyFromAnswer(output: GetAccountPasswordPolicyCommandOutput): PasswordPolicyState {
  const action = 'iam:GetAccountPasswordPolicy';
  // No policy at all is NoSuchEntity (404), never a 200 without one.
  if (!output.PasswordPolicy) throw malformed(action, 'without a PasswordPolicy');
  const policy = requireFields(action, 'a PasswordPolicy', output.PasswordPolicy, POLICY_FIELDS);
  const maxAge = policy.MaxPasswordAge;
  const reuse = policy.PasswordReusePrevention;
  if (!inRange(policy.MinimumPasswordLength, LENGTH_RANGE))
    throw malformed(action, `MinimumPasswordLength ${policy.MinimumPasswordLength}, outside 6..128`);
  if (maxAge !== undefined && maxAge !== 0 && !inRange(maxAge, MAX_AGE_RANGE))
    throw malformed(action, `MaxPasswordAge ${maxAge}, outside 1..1095`);
  if (reuse !== undefined && reuse !== 0 && !inRange(reuse, REUSE_RANGE))
    throw malformed(action, `PasswordReusePrevention ${reuse}, outside 1..24`);
  const expires = maxAge !== undefined && maxAge > 0;
  if (policy.ExpirePasswords === true && !expires)
    throw malformed(action, 'ExpirePasswords = true without a MaxPasswordAge');
  return {
    minimumPasswordLength: policy.MinimumPasswordLength,
    requireSymbols: policy.RequireSymbols,
    requireNumbers: policy.RequireNumbers,
    requireUppercaseCharacters: policy.RequireUppercaseCharacters,
    requireLowercaseCharacters: policy.RequireLowercaseCharacters,
    allowUsersToChangePassword: policy.AllowUsersToChangePassword,
    expirePasswords: expires,
    ...(expires && { maxPasswordAge: maxAge }),
    ...(reuse !== undefined && reuse > 0 && { passwordReusePrevention: reuse }),
    // Left out when off; AWS sends it once set.
    hardExpiry: policy.HardExpiry ?? false,
  };
}

// ---- iam:GetAccountSummary

/** The keys the root controls conclude from (AWS sends every SummaryKeyType, with 0 for "none"). */
const SUMMARY_KEYS = ['AccountMFAEnabled', 'AccountAccessKeysPresent'] as const;

export function accountSummaryFromAnswer(output: GetAccountSummaryCommandOutput): AccountSummary {
  const action = 'iam:GetAccountSummary';
  if (!output.SummaryMap) throw malformed(action, 'without a SummaryMap');
  const summary: AccountSummary = {};
  // A value that is not a number (the SDK gives null for `<value>x</value>`) counts as missing.
  for (const [key, value] of Object.entries(output.SummaryMap)) {
    if (typeof value === 'number' && Number.isFinite(value)) summary[key] = value;
  }
  const missing = SUMMARY_KEYS.filter((key) => summary[key] === undefined);
  if (missing.length > 0) throw malformed(action, `a SummaryMap without ${missing.join(', ')}, which AWS always sends`);
  return summary;
}

// ---- iam:ListVirtualMFADevices

export interface VirtualMfaPage {
  devices: VirtualMfaDevice[];
  /** The next page's marker; absent on the last page. */
  marker?: string;
}

/** One page. The list itself and IsTruncated are always sent (an empty list is `<VirtualMFADevices/>`). */
export function virtualMfaPageFromAnswer(output: ListVirtualMFADevicesCommandOutput): VirtualMfaPage {
  const action = 'iam:ListVirtualMFADevices';
  const page = requireFields(action, 'a page', output, ['VirtualMFADevices', 'IsTruncated']);
  if (page.IsTruncated && !page.Marker)
    throw malformed(action, 'IsTruncated = true without a Marker: the rest of the list cannot be read');
  const devices = page.VirtualMFADevices.map((device, index): VirtualMfaDevice => {
    const where = `virtual MFA device ${index + 1}`;
    const { SerialNumber: serialNumber } = requireFields(action, where, device, ['SerialNumber']);
    // The root user's User carries only UserId, Arn and CreateDate; Arn is what tells whose device it is.
    const userArn =
      device.User === undefined ? undefined : requireFields(action, `${where}'s User`, device.User, ['Arn']).Arn;
    return {
      serialNumber,
      ...(userArn !== undefined && { userArn }),
      ...(device.EnableDate && { enableDate: device.EnableDate.toISOString() }),
    };
  });
  return { devices, ...(page.IsTruncated && page.Marker !== undefined && { marker: page.Marker }) };
}

// ---- account:GetAlternateContact

/** PutAlternateContact requires all four, so a stored contact has them; "not set" is ResourceNotFoundException. */
const CONTACT_FIELDS = ['Name', 'Title', 'EmailAddress', 'PhoneNumber'] as const;

export function alternateContactFromAnswer(
  output: GetAlternateContactCommandOutput,
  type: AlternateContactType,
): AlternateContact {
  const action = 'account:GetAlternateContact';
  if (!output.AlternateContact) throw malformed(action, 'without an AlternateContact');
  const contact = requireFields(action, `the ${type} contact`, output.AlternateContact, CONTACT_FIELDS);
  if (contact.AlternateContactType !== undefined && contact.AlternateContactType !== type) {
    throw malformed(action, `the ${contact.AlternateContactType} contact when asked for ${type}`);
  }
  return { name: contact.Name, title: contact.Title, email: contact.EmailAddress, phone: contact.PhoneNumber };
}

// ---- account:GetContactInformation

/** The six members the SDK's model marks required. "Not set" is ResourceNotFoundException, never a 200 without it. */
const CONTACT_INFORMATION_FIELDS = [
  'FullName',
  'PhoneNumber',
  'AddressLine1',
  'City',
  'CountryCode',
  'PostalCode',
] as const;

export function contactInformationFromAnswer(output: GetContactInformationCommandOutput): ContactInformation {
  const action = 'account:GetContactInformation';
  if (!output.ContactInformation) throw malformed(action, 'without ContactInformation');
  const info = requireFields(action, 'ContactInformation', output.ContactInformation, CONTACT_INFORMATION_FIELDS);
  return {
    fullName: info.FullName,
    phoneNumber: info.PhoneNumber,
    ...(info.CompanyName && { companyName: info.CompanyName }),
    addressLine1: info.AddressLine1,
    city: info.City,
    countryCode: info.CountryCode,
    postalCode: info.PostalCode,
    ...(info.StateOrRegion && { stateOrRegion: info.StateOrRegion }),
    ...(info.WebsiteUrl && { websiteUrl: info.WebsiteUrl }),
  };
}

// ---- iam:ListOrganizationsFeatures

export function organizationsFeaturesFromAnswer(output: ListOrganizationsFeaturesCommandOutput): {
  organizationId?: string;
  enabledFeatures: string[];
} {
  // An organization without features enabled answers an empty list (`<EnabledFeatures/>`), not none.
  const answer = requireFields('iam:ListOrganizationsFeatures', 'a feature list', output, ['EnabledFeatures']);
  return {
    ...(answer.OrganizationId && { organizationId: answer.OrganizationId }),
    enabledFeatures: [...answer.EnabledFeatures],
  };
}

// ---- iam:GenerateCredentialReport

const REPORT_STATES = ['STARTED', 'INPROGRESS', 'COMPLETE'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export function reportStateFromAnswer(output: GenerateCredentialReportCommandOutput): ReportState {
  const action = 'iam:GenerateCredentialReport';
  const { State: state } = requireFields(action, 'a report status', output, ['State']);
  const known = REPORT_STATES.find((candidate) => candidate === state);
  if (known === undefined) throw malformed(action, `an unknown report State "${state.slice(0, 40)}"`);
  return known;
}

/**
 * Every report has the `<root_account>` row, whatever the account holds: a report without it (a header alone,
 * say) is cut short, and would otherwise let the IAM user controls pass with zero users. Snapshots go through
 * this too.
 */
export function requireRootRow(report: Readable<CredentialReport>): Readable<CredentialReport> {
  if (!report.ok || report.value.rows.some((row) => row.user === ROOT_ACCOUNT_ROW)) return report;
  const message = `the credential report has no ${ROOT_ACCOUNT_ROW} row, which every report has`;
  return { ok: false, error: { code: 'MalformedCredentialReport', message, action: 'iam:GetCredentialReport' } };
}

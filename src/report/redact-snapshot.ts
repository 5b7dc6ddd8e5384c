/**
 * `snapshot --redact`: a snapshot is an output like any report, and is often attached to issues or kept as a CI
 * artifact. It is masked as reports are: contact e-mails and phone numbers by default, IAM user names too with
 * `users` (credential report rows, MFA devices, the users of the authorization details), nothing with `off`.
 * A masked snapshot still evaluates, but a contact matcher (`email: "*@example.com"`) then sees the masked value;
 * keep an exact snapshot (`--redact off`) private.
 */
import type { RedactMode } from './redact.js';
import { maskEmail, maskPhone, maskUserName } from './redact.js';
import {
  ROOT_ACCOUNT_ROW,
  type AccountState,
  type AlternateContact,
  type CredentialReportRow,
  type IamPrincipal,
  type VirtualMfaDevice,
} from '../state/types.js';

function maskContact(contact: AlternateContact): AlternateContact {
  return {
    ...contact,
    ...(contact.email !== '' && { email: maskEmail(contact.email) }),
    ...(contact.phone !== '' && { phone: maskPhone(contact.phone) }),
  };
}

function redactContacts(state: AccountState): AccountState {
  const contacts = state.alternateContacts;
  const information = state.contactInformation;
  return {
    ...state,
    ...(contacts !== undefined && {
      alternateContacts: Object.fromEntries(
        Object.entries(contacts).map(([type, readable]) => [
          type,
          readable.ok && readable.value ? { ...readable, value: maskContact(readable.value) } : readable,
        ]),
      ),
    }),
    ...(information?.ok &&
      information.value && {
        contactInformation: {
          ...information,
          value: { ...information.value, phoneNumber: maskPhone(information.value.phoneNumber) },
        },
      }),
  };
}

/** `arn:aws:iam::ID:user/path/NAME` -> the same ARN with NAME masked; root and other ARNs unchanged. */
function maskUserArn(arn: string): string {
  const match = /^(arn:[^:]+:iam::\d*:(?:user|mfa)\/(?:.*\/)?)([^/]+)$/.exec(arn);
  return match ? `${match[1] ?? ''}${maskUserName(match[2] ?? '')}` : arn;
}

function maskRow(row: CredentialReportRow): CredentialReportRow {
  if (row.user === ROOT_ACCOUNT_ROW) return row;
  return { ...row, user: maskUserName(row.user), arn: maskUserArn(row.arn) };
}

function maskDevice(device: VirtualMfaDevice): VirtualMfaDevice {
  return {
    ...device,
    serialNumber: maskUserArn(device.serialNumber),
    ...(device.userArn !== undefined && { userArn: maskUserArn(device.userArn) }),
  };
}

function maskIamUser(user: IamPrincipal): IamPrincipal {
  return { ...user, name: maskUserName(user.name), arn: maskUserArn(user.arn) };
}

function redactUsers(state: AccountState): AccountState {
  const report = state.credentialReport;
  const devices = state.virtualMfaDevices;
  const details = state.authorizationDetails;
  return {
    ...state,
    ...(report?.ok && {
      credentialReport: { ...report, value: { ...report.value, rows: report.value.rows.map(maskRow) } },
    }),
    ...(devices?.ok && { virtualMfaDevices: { ...devices, value: devices.value.map(maskDevice) } }),
    ...(details?.ok && {
      authorizationDetails: { ...details, value: { ...details.value, users: details.value.users.map(maskIamUser) } },
    }),
  };
}

export function redactSnapshot(state: AccountState, mode: RedactMode): AccountState {
  if (mode === 'off') return state;
  const masked = redactContacts(state);
  return mode === 'users' ? redactUsers(masked) : masked;
}

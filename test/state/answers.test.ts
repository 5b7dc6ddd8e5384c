/**
 * The answer checks one by one: each field AWS always sends, missing, makes the answer unreadable (never a
 * default), while the fields AWS leaves out when off may be absent.
 */
import {
  accountSummaryFromAnswer,
  alternateContactFromAnswer,
  contactInformationFromAnswer,
  identityFromAnswer,
  organizationsFeaturesFromAnswer,
  passwordPolicyFromAnswer,
  reportStateFromAnswer,
  virtualMfaPageFromAnswer,
} from '../../src/state/answers.js';
import type { GetAccountPasswordPolicyCommandOutput, ListVirtualMFADevicesCommandOutput } from '@aws-sdk/client-iam';

const $metadata = {};
const POLICY = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  AllowUsersToChangePassword: true,
};
const CONTACT = {
  Name: 'Sec',
  Title: 'CISO',
  EmailAddress: 'sec@example.com',
  PhoneNumber: '+1 555 0100',
  AlternateContactType: 'SECURITY' as const,
};
const INFO = {
  FullName: 'Example',
  PhoneNumber: '+1 555 0100',
  AddressLine1: '1 Main St',
  City: 'Seattle',
  CountryCode: 'US',
  PostalCode: '98101',
};

function without<T extends object>(value: T, field: keyof T): T {
  const copy = { ...value };
  delete copy[field];
  return copy;
}

describe('identityFromAnswer', () => {
  test('needs the account ID and ARN, and a 12-digit account ID', () => {
    expect(
      identityFromAnswer({ $metadata, Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/ci' }),
    ).toEqual({
      accountId: '111122223333',
      arn: 'arn:aws:iam::111122223333:user/ci',
    });
    expect(() => identityFromAnswer({ $metadata, Arn: 'arn' })).toThrow(
      'sts:GetCallerIdentity answered an identity without Account, which AWS always sends',
    );
    expect(() => identityFromAnswer({ $metadata, Account: 'html', Arn: 'arn' })).toThrow(
      'an account ID that is not 12 digits ("html")',
    );
  });
});

describe('passwordPolicyFromAnswer', () => {
  test.each(Object.keys(POLICY) as (keyof typeof POLICY)[])('a PasswordPolicy without %s is unreadable', (field) => {
    expect(() => passwordPolicyFromAnswer({ $metadata, PasswordPolicy: without(POLICY, field) })).toThrow(
      `iam:GetAccountPasswordPolicy answered a PasswordPolicy without ${field}, which AWS always sends`,
    );
  });

  test('expiry, reuse prevention and hard expiry may be absent (off)', () => {
    expect(passwordPolicyFromAnswer({ $metadata, PasswordPolicy: POLICY })).toMatchObject({
      expirePasswords: false,
      hardExpiry: false,
    });
    expect(
      passwordPolicyFromAnswer({
        $metadata,
        PasswordPolicy: { ...POLICY, ExpirePasswords: true, MaxPasswordAge: 90, PasswordReusePrevention: 24 },
      }),
    ).toMatchObject({
      expirePasswords: true,
      maxPasswordAge: 90,
      passwordReusePrevention: 24,
    });
  });

  test.each<[string, object, string]>([
    ['no PasswordPolicy at all (a missing policy is NoSuchEntity, not a 200)', {}, 'without a PasswordPolicy'],
    [
      'ExpirePasswords without MaxPasswordAge',
      { PasswordPolicy: { ...POLICY, ExpirePasswords: true } },
      'ExpirePasswords = true without a MaxPasswordAge',
    ],
    [
      'a length AWS cannot hold',
      { PasswordPolicy: { ...POLICY, MinimumPasswordLength: 0 } },
      'MinimumPasswordLength 0, outside 6..128',
    ],
    [
      'an age AWS cannot hold',
      { PasswordPolicy: { ...POLICY, MaxPasswordAge: 5000 } },
      'MaxPasswordAge 5000, outside 1..1095',
    ],
    [
      'a reuse count AWS cannot hold',
      { PasswordPolicy: { ...POLICY, PasswordReusePrevention: 99 } },
      'PasswordReusePrevention 99, outside 1..24',
    ],
  ])('%s is unreadable', (_name, output, message) => {
    // The SDK's types call PasswordPolicy required, yet it returns {} for an empty 200: hence the cast.
    expect(() => passwordPolicyFromAnswer({ $metadata, ...output } as GetAccountPasswordPolicyCommandOutput)).toThrow(
      message,
    );
  });
});

describe('accountSummaryFromAnswer', () => {
  test.each(['AccountMFAEnabled', 'AccountAccessKeysPresent'])('a SummaryMap without %s is unreadable', (key) => {
    const map: Record<string, number> = { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 3 };
    delete map[key];
    expect(() => accountSummaryFromAnswer({ $metadata, SummaryMap: map })).toThrow(
      `a SummaryMap without ${key}, which AWS always sends`,
    );
  });

  test('a value that is not a number counts as missing; no SummaryMap is unreadable', () => {
    const garbled = { AccountMFAEnabled: null as unknown as number, AccountAccessKeysPresent: 0 };
    expect(() => accountSummaryFromAnswer({ $metadata, SummaryMap: garbled })).toThrow('without AccountMFAEnabled');
    expect(() => accountSummaryFromAnswer({ $metadata })).toThrow(
      'iam:GetAccountSummary answered without a SummaryMap',
    );
    expect(
      accountSummaryFromAnswer({ $metadata, SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 } }),
    ).toEqual({
      AccountMFAEnabled: 1,
      AccountAccessKeysPresent: 0,
    });
  });
});

describe('virtualMfaPageFromAnswer', () => {
  test('needs the list and IsTruncated; an empty list is a complete answer', () => {
    expect(virtualMfaPageFromAnswer({ $metadata, VirtualMFADevices: [], IsTruncated: false })).toEqual({ devices: [] });
    expect(() =>
      virtualMfaPageFromAnswer({ $metadata, IsTruncated: false } as ListVirtualMFADevicesCommandOutput),
    ).toThrow('a page without VirtualMFADevices, which AWS always sends');
    expect(() => virtualMfaPageFromAnswer({ $metadata, VirtualMFADevices: [] })).toThrow('a page without IsTruncated');
  });

  test('a device needs its serial number, and its user an ARN', () => {
    expect(() => virtualMfaPageFromAnswer({ $metadata, VirtualMFADevices: [{} as never], IsTruncated: false })).toThrow(
      'virtual MFA device 1 without SerialNumber',
    );
    const userless = { SerialNumber: 'arn:mfa/x', User: { UserId: '111122223333' } as never };
    expect(() => virtualMfaPageFromAnswer({ $metadata, VirtualMFADevices: [userless], IsTruncated: false })).toThrow(
      "virtual MFA device 1's User without Arn",
    );
  });

  test('passes the marker of a truncated page on', () => {
    expect(virtualMfaPageFromAnswer({ $metadata, VirtualMFADevices: [], IsTruncated: true, Marker: 'm' })).toEqual({
      devices: [],
      marker: 'm',
    });
  });
});

describe('alternateContactFromAnswer', () => {
  test.each(['Name', 'Title', 'EmailAddress', 'PhoneNumber'] as const)(
    'a contact without %s is unreadable',
    (field) => {
      expect(() =>
        alternateContactFromAnswer({ $metadata, AlternateContact: without(CONTACT, field) }, 'SECURITY'),
      ).toThrow(`account:GetAlternateContact answered the SECURITY contact without ${field}, which AWS always sends`);
    },
  );

  test('an answer for another type, or with no contact, is unreadable', () => {
    expect(() => alternateContactFromAnswer({ $metadata, AlternateContact: CONTACT }, 'BILLING')).toThrow(
      'the SECURITY contact when asked for BILLING',
    );
    expect(() => alternateContactFromAnswer({ $metadata }, 'BILLING')).toThrow('without an AlternateContact');
  });
});

describe('contactInformationFromAnswer', () => {
  test.each(Object.keys(INFO) as (keyof typeof INFO)[])('contact information without %s is unreadable', (field) => {
    expect(() => contactInformationFromAnswer({ $metadata, ContactInformation: without(INFO, field) })).toThrow(
      `ContactInformation without ${field}`,
    );
  });

  test('a 200 without ContactInformation is unreadable, not "unset" (that is ResourceNotFoundException)', () => {
    expect(() => contactInformationFromAnswer({ $metadata })).toThrow(
      'account:GetContactInformation answered without ContactInformation',
    );
  });
});

describe('organizationsFeaturesFromAnswer and reportStateFromAnswer', () => {
  test('the feature list must be there, even when empty', () => {
    expect(organizationsFeaturesFromAnswer({ $metadata, EnabledFeatures: [] })).toEqual({ enabledFeatures: [] });
    expect(() => organizationsFeaturesFromAnswer({ $metadata, OrganizationId: 'o-1' })).toThrow(
      'a feature list without EnabledFeatures',
    );
  });

  test('GenerateCredentialReport must say a known State', () => {
    expect(reportStateFromAnswer({ $metadata, State: 'COMPLETE' })).toBe('COMPLETE');
    expect(() => reportStateFromAnswer({ $metadata })).toThrow('a report status without State');
    expect(() => reportStateFromAnswer({ $metadata, State: 'DONE' as never })).toThrow(
      'an unknown report State "DONE"',
    );
  });
});

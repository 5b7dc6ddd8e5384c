import { describe, expect, it } from '@jest/globals';
import { appendAuthorizationPage, decodePolicyDocument } from '../../src/state/authorization-details.js';
import type { AuthorizationDetails } from '../../src/state/types.js';

const DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: "arn:aws:s3:::b/it's (1)*" }],
};
const ENCODED = encodeURIComponent(JSON.stringify(DOCUMENT)).replace(
  /[!'()*]/g,
  (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
);

function empty(): AuthorizationDetails {
  return { users: [], groups: [], roles: [], policies: [] };
}

describe('decodePolicyDocument', () => {
  it('URL-decodes (RFC 3986) then parses', () => {
    expect(decodePolicyDocument(ENCODED, 'x')).toEqual(DOCUMENT);
  });

  it.each([
    ['%E0%A4%A', /not URL-encoded/],
    ['%7B%22Statement', /not JSON/],
    ['', /no policy document/],
    [undefined, /no policy document/],
  ])('refuses %j as malformed', (encoded, message) => {
    expect(() => decodePolicyDocument(encoded, 'inline policy p of role r')).toThrow(message);
    try {
      decodePolicyDocument(encoded, 'inline policy p of role r');
    } catch (error) {
      expect((error as Error).name).toBe('MalformedResponse');
      expect((error as Error).message).toContain('inline policy p of role r');
    }
  });
});

describe('appendAuthorizationPage', () => {
  it('accumulates pages and keeps the default version of each policy', () => {
    const details = empty();
    appendAuthorizationPage(details, {
      UserDetailList: [
        {
          UserName: 'u',
          Arn: 'arn:aws:iam::1:user/u',
          AttachedManagedPolicies: [{ PolicyName: 'P', PolicyArn: 'arn:aws:iam::aws:policy/P' }],
        },
      ],
    });
    appendAuthorizationPage(details, {
      RoleDetailList: [
        {
          RoleName: 'r',
          Arn: 'arn:aws:iam::1:role/r',
          RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: ENCODED }],
        },
      ],
      Policies: [
        {
          PolicyName: 'mine',
          Arn: 'arn:aws:iam::1:policy/mine',
          AttachmentCount: 3,
          DefaultVersionId: 'v2',
          PolicyVersionList: [
            { VersionId: 'v1', IsDefaultVersion: false, Document: encodeURIComponent('{"Statement":[]}') },
            { VersionId: 'v2', IsDefaultVersion: true, Document: ENCODED },
          ],
        },
      ],
    });
    expect(details).toEqual({
      users: [
        {
          name: 'u',
          arn: 'arn:aws:iam::1:user/u',
          attachedPolicies: ['arn:aws:iam::aws:policy/P'],
          inlinePolicies: [],
        },
      ],
      groups: [],
      roles: [
        {
          name: 'r',
          arn: 'arn:aws:iam::1:role/r',
          attachedPolicies: [],
          inlinePolicies: [{ name: 'inline', document: DOCUMENT }],
        },
      ],
      policies: [{ name: 'mine', arn: 'arn:aws:iam::1:policy/mine', attachmentCount: 3, document: DOCUMENT }],
    });
  });

  it.each([
    ['a user without a name', { UserDetailList: [{ Arn: 'arn:aws:iam::1:user/u' }] }, /without a user name/],
    ['a group without an ARN', { GroupDetailList: [{ GroupName: 'g' }] }, /the ARN of group g/],
    [
      'an attachment without its ARN',
      { RoleDetailList: [{ RoleName: 'r', Arn: 'a', AttachedManagedPolicies: [{ PolicyName: 'P' }] }] },
      /PolicyArn/,
    ],
    [
      'a policy without a default version',
      {
        Policies: [
          {
            PolicyName: 'p',
            Arn: 'a',
            DefaultVersionId: 'v3',
            PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: false, Document: ENCODED }],
          },
        ],
      },
      /no default version/,
    ],
  ])('refuses %s', (_label, page, message) => {
    expect(() => appendAuthorizationPage(empty(), page)).toThrow(message);
  });
});

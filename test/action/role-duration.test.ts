/**
 * The OIDC (hub) session is never renewed and member sessions are assumed from it for the whole job: on
 * organization runs it defaults to an hour instead of 15 minutes. Inputs reach the action as INPUT_* variables.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { readInputs } from '../../src/action/inputs.js';

const INPUTS = [
  'role-duration-seconds',
  'accounts',
  'organization',
  'organizational-units',
  'shards',
  'shard',
  'merge-reports',
];
const envName = (input: string): string => `INPUT_${input.toUpperCase()}`;

function withInputs(inputs: Record<string, string>): number {
  for (const [name, value] of Object.entries(inputs)) process.env[envName(name)] = value;
  return readInputs({}).roleDurationSeconds;
}

afterEach(() => {
  for (const input of INPUTS) delete process.env[envName(input)];
});

describe('role-duration-seconds', () => {
  it('defaults to 900 on a one-account run', () => {
    expect(withInputs({})).toBe(900);
  });

  it('stays 900 with organization: false (the default action.yml gives)', () => {
    expect(withInputs({ organization: 'false' })).toBe(900);
  });

  it.each([
    ['accounts', '111122223333'],
    ['organization', 'true'],
    ['organization', 'TRUE'],
    ['organizational-units', 'ou-ab12-11111111'],
    ['shards', '4'],
  ])('defaults to 3600 on an organization run (%s: %s)', (input, value) => {
    expect(withInputs({ [input]: value })).toBe(3600);
  });

  it('stays 900 on the merge step, which reads no account', () => {
    expect(withInputs({ 'merge-reports': 'reports/*.json' })).toBe(900);
  });

  it('refuses a shard without accounts before any credential is requested', () => {
    expect(() => withInputs({ shard: '2/4' })).toThrow(
      'input shard needs accounts, organization or organizational-units',
    );
  });

  it('keeps a value that is given, on either kind of run', () => {
    expect(withInputs({ 'role-duration-seconds': '1800' })).toBe(1800);
    expect(withInputs({ 'role-duration-seconds': '900', organization: 'true' })).toBe(900);
    expect(withInputs({ 'role-duration-seconds': '7200', accounts: '111122223333' })).toBe(7200);
  });
});

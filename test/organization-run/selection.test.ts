import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../src/errors.js';
import {
  DEFAULT_CONCURRENCY,
  parseAccountIds,
  parseConcurrency,
  parseOrganizationalUnits,
  parseSelection,
  selectsAccounts,
} from '../../src/organization-run/selection.js';

describe('selectsAccounts: is this an organization run?', () => {
  it('is not when nothing selects accounts', () => {
    expect(selectsAccounts({})).toBe(false);
    expect(selectsAccounts({ organization: false })).toBe(false);
    expect(parseSelection({ organization: false })).toBeUndefined();
  });
  it('is when accounts, OUs or the organization are asked for', () => {
    expect(selectsAccounts({ accounts: '111111111111' })).toBe(true);
    expect(selectsAccounts({ organizationalUnits: 'ou-ab12-11111111' })).toBe(true);
    expect(selectsAccounts({ organization: true })).toBe(true);
  });
  it("is when a selection is given empty, so the run fails instead of checking the credentials' account", () => {
    expect(selectsAccounts({ accounts: '' })).toBe(true);
    expect(() => parseSelection({ accounts: '' })).toThrow('accounts is empty');
  });
  it('parses what is given, and only that', () => {
    expect(parseSelection({ accounts: '222222222222,111111111111', organization: true })).toEqual({
      accounts: ['111111111111', '222222222222'],
      organization: true,
    });
    expect(parseSelection({ organizationalUnits: 'r-ab12' })).toEqual({ organizationalUnits: ['r-ab12'] });
  });
});

describe('input parsing', () => {
  it('reads account IDs separated by commas, spaces and new lines, sorted and without duplicates', () => {
    expect(parseAccountIds('222222222222, 111111111111\n222222222222')).toEqual(['111111111111', '222222222222']);
  });
  it('refuses IDs that are not 12 digits, and an empty list', () => {
    expect(() => parseAccountIds('11111111111')).toThrow(UsageError);
    expect(() => parseAccountIds('1111111111111')).toThrow('not valid: 1111111111111');
    expect(() => parseAccountIds(' , ')).toThrow(UsageError);
  });
  it('reads OU and root IDs and refuses others', () => {
    expect(parseOrganizationalUnits('ou-ab12-11111111 r-ab12')).toEqual(['ou-ab12-11111111', 'r-ab12']);
    expect(() => parseOrganizationalUnits('ou-x')).toThrow(UsageError);
  });
});

describe('parseConcurrency', () => {
  it('defaults to 16 when empty', () => {
    expect(parseConcurrency(undefined)).toBe(DEFAULT_CONCURRENCY);
    expect(parseConcurrency(' ')).toBe(16);
  });
  it('accepts 1 and 256, refuses 0, 257 and fractions', () => {
    expect(parseConcurrency('1')).toBe(1);
    expect(parseConcurrency('256')).toBe(256);
    for (const bad of ['0', '257', '2.5', 'many']) expect(() => parseConcurrency(bad)).toThrow(UsageError);
  });
});

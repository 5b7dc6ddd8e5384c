import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fullAdminVerdict, isEveryAction, isEveryResource } from '../../src/controls/policy-document.js';

const DIR = join(process.cwd(), 'test', 'fixtures', 'policy-documents');

interface Case {
  verdict: 'admin' | 'not-admin' | 'invalid';
  why: string;
  document: unknown;
}

const CASES = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => [name, JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Case] as const);

describe('full-admin verdicts on the policy-document corpus', () => {
  it('holds at least 30 documents, each of the three verdicts present', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map(([, entry]) => entry.verdict))).toEqual(new Set(['admin', 'not-admin', 'invalid']));
  });

  it.each(CASES)('%s', (_name, entry) => {
    expect(fullAdminVerdict(entry.document).verdict).toBe(entry.verdict);
  });

  it('names the statement that grants everything (1-based)', () => {
    const document = {
      Statement: [
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Effect: 'Allow', Action: '*', Resource: '*' },
      ],
    };
    expect(fullAdminVerdict(document)).toEqual({ verdict: 'admin', statement: 2 });
  });

  it('says why a document is invalid', () => {
    expect(fullAdminVerdict({ Statement: [{ Effect: 'Allow', Action: 5, Resource: '*' }] })).toEqual({
      verdict: 'invalid',
      reason: 'statement 1: Action is not a string or a list of strings',
    });
  });
});

describe('wildcards', () => {
  it.each([
    ['*', true],
    ['*:*', true],
    ['**', true],
    ['s3:*', false],
    ['*:Get*', false],
    ['*:*:*', false],
    ['', false],
  ])('action %j covers every action: %s', (action, expected) => {
    expect(isEveryAction(action)).toBe(expected);
  });

  it.each([
    ['*', true],
    ['arn:*', true],
    ['arn:aws:*:*:*:*', true],
    ['arn:aws-cn:*:*:*:*', true],
    ['arn:aws:iam::111122223333:*', false],
    ['arn:aws:s3:::*', false],
    ['arn:', false],
    ['arn:aws', false],
  ])('resource %j covers every resource: %s', (resource, expected) => {
    expect(isEveryResource(resource)).toBe(expected);
  });
});

/**
 * Property: the loader's in-memory core never throws, valid documents pass, and every rejection of a
 * generated or mutated document carries a position inside the document.
 */
import { beforeAll } from '@jest/globals';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { checkPolicyText } from '../../src/policy/load.js';
import { loadRegexEngine } from '../../src/policy/patterns.js';
import { PROPERTY_RUNS } from '../support/property-runs.js';

// Loaded on demand in the product (a policy's first /regex/); these tests use patterns directly.
beforeAll(loadRegexEngine);

const day = fc
  .record({
    year: fc.integer({ min: 2020, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    date: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ year, month, date }) => `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`);
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
const controlId = fc.constantFrom(
  'root.mfa',
  'iamUsers.consoleMfa',
  'passwordPolicy.minimumLength',
  'contacts.security',
  'attestations.root-mfa-backup',
);
const contact = fc.record(
  { required: fc.boolean(), email: fc.constantFrom('*@example.com', 'sec@example.com', '/^sec@/') },
  { requiredKeys: [] },
);

const validPolicy = fc.record(
  {
    version: fc.constant(1),
    extends: fc.constant(['builtin:well-architected-root']),
    account: fc.record({ id: fc.stringMatching(/^[0-9]{12}$/) }),
    passwordPolicy: fc.record(
      {
        minimumLength: fc.integer({ min: 6, max: 128 }),
        requireSymbols: fc.boolean(),
        requireNumbers: fc.boolean(),
        maxAgeDays: fc.integer({ min: 1, max: 1095 }),
        reusePrevention: fc.integer({ min: 1, max: 24 }),
        hardExpiry: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    root: fc.record(
      {
        mfa: fc.constantFrom('required', 'hardware'),
        accessKeys: fc.constant('forbidden'),
        maxDaysSinceLastUse: fc.integer({ min: 1, max: 3650 }),
      },
      { requiredKeys: [] },
    ),
    contacts: fc.record({ billing: contact, operations: contact, security: contact }, { requiredKeys: [] }),
    iamUsers: fc.record(
      {
        consoleMfa: fc.constant('required'),
        maxActiveAccessKeys: fc.integer({ min: 0, max: 2 }),
        maxUnusedCredentialDays: fc.integer({ min: 1, max: 3650 }),
      },
      { requiredKeys: [] },
    ),
    attestations: fc.dictionary(
      name,
      fc.record({ lastVerified: day, maxAgeDays: fc.integer({ min: 1, max: 3650 }), by: fc.emailAddress() }),
      { maxKeys: 3 },
    ),
    exceptions: fc.array(
      fc.record(
        {
          control: controlId,
          resource: fc.constantFrom('root', 'break-glass', 'ci-*'),
          reason: fc.string({ minLength: 1, maxLength: 20 }),
          expires: day,
        },
        { requiredKeys: ['control', 'reason', 'expires'] },
      ),
      { maxLength: 3 },
    ),
    severity: fc.dictionary(controlId, fc.constantFrom('critical', 'high', 'medium', 'low'), { maxKeys: 2 }),
  },
  { requiredKeys: ['version'] },
);

const text = validPolicy.map((policy) => stringify(policy));

type Mutation = (source: string, random: number, insert: string) => string;
const mutations: Mutation[] = [
  (source, at) => source.slice(0, at) + source.slice(at + 1), // drop a character
  (source, at, insert) => source.slice(0, at) + insert + source.slice(at), // insert text
  (source, at) => source.slice(0, at), // truncate
  (source, at) => source.replace(/\n/g, (newline, offset: number) => (offset === at ? '\n\t' : newline)), // a tab indent
  (source) => source.replace(/: (\d+)/, ': "$1"'), // a number becomes a string
  (source) => source.replace(/([a-z])([A-Z])/, '$2$1'), // a key typo
  (source, at) => {
    const lines = source.split('\n');
    const line = lines[at % lines.length] ?? '';
    return `${source}${line}\n`;
  }, // duplicate a line
  (source, _at, insert) => `${insert}\n${source}`, // junk first line
  (source) => source.replace(/\d{4}-\d{2}-\d{2}/, '2026-02-30'), // impossible date
  (source) => source.replace(/: (true|false)/, ': yes'), // a YAML 1.1 boolean
  (source) => source.replace(/(\w+):/, '&x $1:').concat('alias: *x\n'), // anchors and aliases
];

const yamlNoise = fc.constantFrom(
  '{',
  '}',
  '[',
  ']',
  ':',
  '- ',
  '&a ',
  '*a',
  '!tag ',
  '"',
  "'",
  '#',
  '---',
  '? ',
  '|',
  '>',
  '%YAML 1.1',
  '\t',
  '\u0000',
  '~',
  'null',
  'x: y',
);
const insertion = fc.oneof(yamlNoise, fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 }));

function assertPositioned(source: string): void {
  const lineCount = source.split('\n').length;
  let checked: ReturnType<typeof checkPolicyText> | undefined;
  expect(() => {
    checked = checkPolicyText(source, 'p.yml');
  }).not.toThrow();
  if (!checked) return;
  if (checked.data === undefined) expect(checked.issues.length).toBeGreaterThan(0);
  for (const issue of checked.issues) {
    expect(issue.file).toBe('p.yml');
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.line).toBeLessThanOrEqual(lineCount + 1);
    expect(issue.column).toBeGreaterThanOrEqual(1);
    expect(issue.message.length).toBeGreaterThan(0);
  }
}

test(`${PROPERTY_RUNS} generated valid policies load without any issue`, () => {
  fc.assert(
    fc.property(text, (source) => {
      expect(checkPolicyText(source, 'p.yml').issues).toEqual([]);
    }),
    { numRuns: PROPERTY_RUNS },
  );
});

test(`${PROPERTY_RUNS} mutated policies never throw and every rejection has a position`, () => {
  fc.assert(
    fc.property(
      text,
      fc.nat({ max: mutations.length - 1 }),
      fc.nat(),
      insertion,
      fc.integer({ min: 1, max: 3 }),
      (source, which, where, insert, rounds) => {
        let mutated = source;
        for (let round = 0; round < rounds; round += 1) {
          const mutate = mutations[(which + round) % mutations.length] as Mutation;
          mutated = mutate(mutated, where % Math.max(1, mutated.length), insert);
        }
        assertPositioned(mutated);
      },
    ),
    { numRuns: PROPERTY_RUNS },
  );
});

test('arbitrary text never throws and every rejection has a position', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (source) => assertPositioned(source)),
    { numRuns: PROPERTY_RUNS },
  );
});

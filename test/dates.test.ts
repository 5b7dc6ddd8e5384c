import { daysBetween, isIsoDate, parseIsoDate } from '../src/dates.js';

test.each([
  ['2026-02-28', true],
  ['2028-02-29', true],
  ['2026-02-29', false],
  ['2026-02-30', false],
  ['2026-13-01', false],
  ['2026-00-10', false],
  ['2026-1-1', false],
  ['2026-01-01T00:00:00Z', false],
  ['', false],
])('isIsoDate(%j) is %s', (text, expected) => {
  expect(isIsoDate(text)).toBe(expected);
});

test('parseIsoDate takes YYYY-MM-DD text or a Date, nothing else', () => {
  expect(parseIsoDate('2026-10-01')?.toISOString()).toBe('2026-10-01T00:00:00.000Z');
  expect(parseIsoDate(new Date('2026-10-01T15:00:00Z'))?.toISOString()).toBe('2026-10-01T00:00:00.000Z');
  expect(parseIsoDate(new Date('nonsense'))).toBeUndefined();
  expect(parseIsoDate(20261001)).toBeUndefined();
});

test('daysBetween counts UTC calendar days', () => {
  expect(daysBetween(new Date('2026-11-25T23:59:00Z'), new Date('2026-11-26T00:01:00Z'))).toBe(1);
  expect(daysBetween(new Date('2026-11-27T00:00:00Z'), new Date('2026-11-26T23:00:00Z'))).toBe(-1);
});

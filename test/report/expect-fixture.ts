/** Expected-output files under test/fixtures/reports/; `UPDATE_FIXTURES=1` rewrites them (review the diff). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'reports');

export function expectFixture(name: string, actual: string): void {
  const path = join(FIXTURES, name);
  if (process.env['UPDATE_FIXTURES'] === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

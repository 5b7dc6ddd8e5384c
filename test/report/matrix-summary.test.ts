import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/findings.js';
import { renderAccountMatrix, renderOrgSummary } from '../../src/report/matrix-summary.js';
import { buildOrgReport, type AccountOutcome } from '../../src/report/org-report.js';

function finding(control: string, status: Finding['status']): Finding {
  return {
    control,
    status,
    severity: 'high',
    resource: 'root',
    expected: '',
    actual: '',
    message: '',
    remediation: '',
    location: { file: 'p.yml', line: 1, column: 1 },
    references: [],
  };
}

const META = { policy: 'p.yml', generatedAt: '2026-11-26T12:00:00.000Z' };

const compliant: AccountOutcome = {
  id: '111111111111',
  name: 'prod | eu',
  findings: [
    finding('passwordPolicy.exists', 'pass'),
    finding('root.mfa', 'pass'),
    finding('root.accessKeys', 'waived'),
  ],
  warnings: [],
};
const failing: AccountOutcome = {
  id: '222222222222',
  findings: [
    finding('passwordPolicy.exists', 'fail'),
    finding('root.mfa', 'fail'),
    finding('root.accessKeys', 'error'),
    finding('attestations.x', 'pass'),
  ],
  warnings: [],
};
const unreachable: AccountOutcome = {
  id: '333333333333',
  name: 'sandbox',
  accessError: 'AccessDenied: Cannot assume arn:aws:iam::333333333333:role/ro',
  findings: [finding('passwordPolicy.exists', 'error'), finding('root.mfa', 'error')],
  warnings: [],
};

describe('renderAccountMatrix', () => {
  it('shows accounts x areas with the worst outcome per cell', () => {
    const report = buildOrgReport([unreachable, failing, compliant], META);
    expect(renderAccountMatrix(report)).toBe(
      [
        '**3 accounts**: 1 compliant, 2 with failures or errors (1 not reached).',
        '',
        '| Account | Password policy | Root user | Attestations | Note |',
        '|---|:-:|:-:|:-:|---|',
        '| <code>111111111111</code> prod &#124; eu | ✅ | ✅ | · |  |',
        '| <code>222222222222</code> | ❌ 1 | ❌ 1 ⚠️ 1 | ✅ |  |',
        '| <code>333333333333</code> sandbox | ⚠️ 1 | ⚠️ 1 | · | not reached: AccessDenied: Cannot assume arn:aws:iam::333333333333:role/ro |',
        '',
        '✅ all passed or waived · ❌ failed · ⚠️ could not be read (counts are findings) · `·` not in the policy',
        '',
      ].join('\n'),
    );
  });

  it('lists only the accounts that need attention above the row limit, and says how many it left out', () => {
    const many = Array.from({ length: 5 }, (_, index) => ({ ...compliant, id: `10000000000${index}` }));
    const report = buildOrgReport([...many, failing, unreachable], META);
    const text = renderAccountMatrix(report, 3);
    expect(text).toContain('**7 accounts**: 5 compliant, 2 with failures or errors (1 not reached).');
    expect(text).not.toContain('100000000000');
    expect(text).toContain('| <code>222222222222</code> |');
    expect(text).toContain('Not listed: 5 compliant (see the JSON report).');
    const capped = renderAccountMatrix(report, 1);
    expect(capped).toContain('Not listed: 5 compliant, 1 more with failures or errors (see the JSON report).');
  });

  it('says so when there is no account', () => {
    expect(renderAccountMatrix(buildOrgReport([], META))).toBe(
      '**0 accounts**: 0 compliant, 0 with failures or errors.\n\n',
    );
  });
});

describe('renderOrgMarkdown (merge --format markdown, the organization job summary)', () => {
  it('opens with the headline, then the matrix, then the area tables', () => {
    const markdown = renderOrgSummary(buildOrgReport([compliant, failing], META));
    expect(markdown.split('\n')[0]).toBe('## aws-account-baseline: ❌ Not compliant');
    const matrix = markdown.indexOf('| Account | ');
    expect(matrix).toBeGreaterThan(markdown.indexOf('**Findings:**'));
    expect(matrix).toBeLessThan(markdown.indexOf('### Password policy'));
    expect(markdown.match(/^## /gm)).toHaveLength(1);
  });
});

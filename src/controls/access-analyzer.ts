/**
 * IAM Access Analyzer (CIS v5 1.19): an active external-access analyzer (zone of trust: the account or the
 * organization) in every enabled region. An organization analyzer is a resource of the management or delegated
 * administrator account: a member account's ListAnalyzers does not list it. So a member passes only with an
 * analyzer of its own; where the organization analyzer is the chosen design, judge this control from the
 * delegated administrator account and turn it off for members (a target override or a waiver).
 */
import type { Finding } from '../findings.js';
import type { Analyzer } from '../state/types.js';
import { defineArea } from './area.js';
import { type EvaluationContext, defineControls, makeFinding, unreadableFinding } from './control.js';
import { cis, securityHub } from './references.js';

/** The analyzer types that look for external access: unused-access and internal-access analyzers do not count. */
const EXTERNAL_ACCESS_TYPES = new Set(['ACCOUNT', 'ORGANIZATION']);

const CONTROLS = defineControls('accessAnalyzer', {
  required: {
    title: 'IAM Access Analyzer has an active external-access analyzer in every enabled region',
    severity: 'medium',
    sources: ['enabledRegions', 'accessAnalyzers'],
    remediation:
      'In each enabled region: IAM console > Access analyzer > Analyzer settings > Create analyzer (external ' +
      'access; zone of trust: the account, or the organization from the delegated administrator). CLI: aws ' +
      'accessanalyzer create-analyzer --analyzer-name account-analyzer --type ACCOUNT --region REGION. Check: aws ' +
      'accessanalyzer list-analyzers --region REGION.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html',
    schema: {
      description: 'true: every enabled region has an ACTIVE analyzer of type ACCOUNT or ORGANIZATION.',
      const: true,
    },
    references: [
      ...cis({ '3.0.0': '1.20', '4.0.1': '1.20', '5.0.0': '1.19', '6.0.0': '2.19', '7.0.0': '2.18' }),
      ...securityHub('IAM.28'),
    ],
  },
});

export const accessAnalyzerArea = defineArea({
  id: 'accessAnalyzer',
  title: 'IAM Access Analyzer',
  description: 'IAM Access Analyzer in every enabled region.',
  controls: CONTROLS,
  evaluate: evaluateAccessAnalyzer,
});

function activeExternal(analyzers: readonly Analyzer[]): Analyzer | undefined {
  return analyzers.find((analyzer) => EXTERNAL_ACCESS_TYPES.has(analyzer.type) && analyzer.status === 'ACTIVE');
}

export function evaluateAccessAnalyzer(context: EvaluationContext): Finding[] {
  const { policy, state } = context;
  if (policy.accessAnalyzer?.required !== true) return [];
  const definition = CONTROLS.required;
  const expected = 'an ACTIVE ACCOUNT or ORGANIZATION analyzer';
  const regions = state.enabledRegions;
  if (!regions || !regions.ok)
    return [unreadableFinding(policy, definition, regions, 'the enabled regions', 'regions', expected)];
  if (regions.value.length === 0) {
    // AWS always has regions enabled by default: an empty list is no proof that every region is covered.
    return [
      unreadableFinding(
        policy,
        definition,
        {
          ok: false,
          error: {
            code: 'MalformedResponse',
            message: 'ListRegions answered no enabled region',
            action: 'account:ListRegions',
          },
        },
        'the enabled regions',
        'regions',
        expected,
      ),
    ];
  }
  return regions.value.map((region) => {
    const resource = `region:${region}`;
    const source = state.accessAnalyzers?.[region];
    if (!source || !source.ok)
      return unreadableFinding(policy, definition, source, `the analyzers in ${region}`, resource, expected);
    const active = activeExternal(source.value);
    if (active) {
      return makeFinding(policy, definition, {
        status: 'pass',
        resource,
        expected,
        actual: `${active.name} (${active.type}, ACTIVE)`,
        message:
          `${region} has an active ${active.type === 'ORGANIZATION' ? 'organization' : 'account'} analyzer, ` +
          `${active.name}.`,
      });
    }
    const others = source.value.map((analyzer) => `${analyzer.name} (${analyzer.type}, ${analyzer.status})`);
    return makeFinding(policy, definition, {
      status: 'fail',
      resource,
      expected,
      actual: others.length > 0 ? others.join(', ') : 'no analyzer',
      message:
        others.length > 0
          ? `${region} has no active external-access analyzer: ${others.join(', ')}.`
          : `${region} has no Access Analyzer analyzer. In a member account an organization analyzer is not listed: ` +
            `judge this from the delegated administrator account.`,
    });
  });
}

/** The account guard: a run against another account than the policy names stops before any control. */
import type { Finding } from '../findings.js';
import type { Policy } from '../policy/types.js';
import { defineArea } from './area.js';
import { type EvaluationContext, defineControls, makeFinding, unreadableFinding } from './control.js';

const CONTROLS = defineControls('account', {
  id: {
    title: 'The run reads the account the policy names',
    severity: 'critical',
    sources: ['identity'],
    remediation:
      'Check the credentials the run uses (role-to-assume, AWS_PROFILE) or the account.id in the policy. ' +
      'CLI: aws sts get-caller-identity --query Account',
    docs: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html',
    schema: { $ref: '#/$defs/accountId' },
  },
});
export const accountIdControl = CONTROLS.id;

export const accountArea = defineArea({
  id: 'account',
  title: 'Account',
  description: 'Guard: the run stops before any control when the live account differs.',
  controls: CONTROLS,
  topLevelOnly: true,
  guard: true,
  evaluate: evaluateAccountGuard,
});

/** The account the policy names, if any: remediation and the action's failure message read it too. */
export function expectedAccountId(policy: Policy): string | undefined {
  return policy.account?.id;
}

/** Empty when no guard is declared; otherwise one finding, and a non-pass one means: evaluate nothing else. */
export function evaluateAccountGuard({ policy, state }: EvaluationContext): Finding[] {
  const expectedId = expectedAccountId(policy);
  if (expectedId === undefined) return [];
  if (!state.identity.ok)
    return [unreadableFinding(policy, accountIdControl, state.identity, 'the account identity', 'account', expectedId)];
  const liveId = state.identity.value.accountId;
  const ok = liveId === expectedId;
  return [
    makeFinding(policy, accountIdControl, {
      status: ok ? 'pass' : 'fail',
      resource: 'account',
      expected: expectedId,
      actual: liveId,
      message: ok
        ? `The credentials belong to account ${liveId}.`
        : `The credentials belong to account ${liveId}, not ${expectedId}: no other control was evaluated.`,
    }),
  ];
}

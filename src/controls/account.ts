/** The account guard: a run against another account than the policy names stops before any control. */
import type { Finding } from '../findings.js';
import { type ControlDefinition, type EvaluationContext, makeFinding, unreadableFinding } from './control.js';

export const accountIdControl: ControlDefinition = {
  id: 'account.id',
  area: 'account',
  title: 'The run reads the account the policy names',
  severity: 'critical',
  permissions: ['sts:GetCallerIdentity'],
  remediation:
    'Check the credentials the run uses (role-to-assume, AWS_PROFILE) or the account.id in the policy. ' +
    'CLI: aws sts get-caller-identity --query Account',
  docs: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html',
};

export const accountControls: readonly ControlDefinition[] = [accountIdControl];

/** Empty when no guard is declared; otherwise one finding, and a non-pass one means: evaluate nothing else. */
export function evaluateAccountGuard({ policy, state }: EvaluationContext): Finding[] {
  const expectedId = policy.account?.id;
  if (expectedId === undefined) return [];
  if (!state.identity.ok) return [unreadableFinding(policy, accountIdControl, state.identity, 'the account identity', 'account', expectedId)];
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

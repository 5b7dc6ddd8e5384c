/**
 * Safety rails around `apply` in GitHub Actions. `apply` writes to the account, so it runs only on events whose
 * workflow and policy file come from the repository as it is: an allowlist, not a blocklist, so an event GitHub
 * adds later (as `merge_group` once was) is refused until someone decides it is safe.
 */
import type { TriggeringEvent } from '../github/run-context.js';

/**
 * Events on which `apply` may run. `workflow_dispatch` and `schedule` are started by a person with write access or
 * by the default branch's own workflow; `push` only counts on the default branch (see `isDefaultBranchPush`).
 */
export const APPLY_EVENTS: readonly string[] = ['workflow_dispatch', 'schedule', 'push'];

/**
 * Events whose workflow runs code or configuration proposed in a pull request. The review events run on the pull
 * request's merge commit too, so its policy file is the one proposed, and anyone who may review can trigger them.
 * `allow-apply-on-pull-request: true` opts these (and only these) in.
 */
export const PULL_REQUEST_EVENTS: readonly string[] = [
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
];

function isDefaultBranchPush(event: TriggeringEvent): boolean {
  return (
    event.defaultBranch !== undefined && event.defaultBranch !== '' && event.ref === `refs/heads/${event.defaultBranch}`
  );
}

const FIX =
  'Run apply from a workflow_dispatch or schedule job (or a push to the default branch), and use mode: plan here.';

/** The reason `apply` must not run, or undefined when it may. Outside GitHub Actions (no event) nothing is refused. */
export function applyRefusal(mode: string, event: TriggeringEvent, allowOnPullRequest: boolean): string | undefined {
  if (mode !== 'apply' || event.name === undefined) return undefined;
  const name = event.name;
  if (PULL_REQUEST_EVENTS.includes(name)) {
    if (allowOnPullRequest) return undefined;
    return (
      `mode: apply is refused on the ${name} event: a pull request must not change the account. ${FIX} (Or ` +
      `set allow-apply-on-pull-request: true.)`
    );
  }
  if (name === 'push') {
    if (isDefaultBranchPush(event)) return undefined;
    const branch = event.ref ?? 'an unknown ref';
    return (
      `mode: apply is refused on a push to ${branch}: only a push to the default branch ` +
      `(${event.defaultBranch ?? 'unknown'}) may change the account. ${FIX}`
    );
  }
  if (APPLY_EVENTS.includes(name)) return undefined;
  return (
    `mode: apply is refused on the ${name === '' ? 'unnamed' : name} event: apply runs only on ` +
    `${APPLY_EVENTS.join(', ')} (default branch). ${FIX}`
  );
}

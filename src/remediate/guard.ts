/** Safety rails around `apply` in the action: a pull request's code must not write to the account by default. */

/**
 * Events whose workflow runs code or configuration proposed in a pull request. The review events run on the pull
 * request's merge commit too, so its policy file is the one proposed, and anyone who may review can trigger them.
 */
export const PULL_REQUEST_EVENTS: readonly string[] = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'];

/** The reason `apply` must not run, or undefined when it may. */
export function applyRefusal(mode: string, eventName: string | undefined, allowOnPullRequest: boolean): string | undefined {
  if (mode !== 'apply' || eventName === undefined || !PULL_REQUEST_EVENTS.includes(eventName)) return undefined;
  if (allowOnPullRequest) return undefined;
  return (
    `mode: apply is refused on the ${eventName} event: a pull request must not change the account. ` +
    'Use mode: plan here and apply from a protected workflow_dispatch job, or set allow-apply-on-pull-request: true.'
  );
}

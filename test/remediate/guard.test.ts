import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyRefusal } from '../../src/remediate/guard.js';
import type { TriggeringEvent } from '../../src/github/run-context.js';
import { triggeringEventFromEnv } from '../../src/github/run-context.js';

const event = (name: string | undefined, extra: Omit<TriggeringEvent, 'name'> = {}): TriggeringEvent => ({
  name,
  ...extra,
});

test.each(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'])(
  'apply is refused on %s unless allowed',
  (name) => {
    expect(applyRefusal('apply', event(name), false)).toContain(`refused on the ${name} event`);
    expect(applyRefusal('apply', event(name), true)).toBeUndefined();
  },
);

test('apply runs on workflow_dispatch and schedule; plan and check run anywhere', () => {
  expect(applyRefusal('apply', event('workflow_dispatch'), false)).toBeUndefined();
  expect(applyRefusal('apply', event('schedule'), false)).toBeUndefined();
  expect(applyRefusal('apply', event(undefined), false)).toBeUndefined();
  expect(applyRefusal('plan', event('merge_group'), false)).toBeUndefined();
  expect(applyRefusal('check', event('pull_request_target'), false)).toBeUndefined();
});

test.each(['merge_group', 'issue_comment', 'workflow_run', 'repository_dispatch', 'release', ''])(
  'apply is refused on %p (allowlist, not blocklist), even with allow-apply-on-pull-request',
  (name) => {
    for (const allow of [false, true]) {
      const refusal = applyRefusal('apply', event(name), allow);
      expect(refusal).toContain('mode: apply is refused on the');
      expect(refusal).toContain('workflow_dispatch, schedule, push');
    }
  },
);

test('a push applies only on the default branch', () => {
  expect(
    applyRefusal('apply', event('push', { ref: 'refs/heads/main', defaultBranch: 'main' }), false),
  ).toBeUndefined();
  expect(applyRefusal('apply', event('push', { ref: 'refs/heads/feature', defaultBranch: 'main' }), false)).toContain(
    'refused on a push to refs/heads/feature: only a push to the default branch (main)',
  );
  expect(applyRefusal('apply', event('push', { ref: 'refs/tags/main', defaultBranch: 'main' }), false)).toContain(
    'refused',
  );
  // Without the payload the default branch is unknown: refused rather than guessed.
  expect(applyRefusal('apply', event('push', { ref: 'refs/heads/main' }), false)).toContain('refused');
});

test('the event, ref and default branch are read from the runner environment', () => {
  const payload = join(mkdtempSync(join(tmpdir(), 'aab-guard-')), 'event.json');
  writeFileSync(payload, JSON.stringify({ ref: 'refs/heads/main', repository: { default_branch: 'main' } }));
  expect(
    triggeringEventFromEnv({ GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_PATH: payload }),
  ).toEqual({
    name: 'push',
    ref: 'refs/heads/main',
    defaultBranch: 'main',
  });
  expect(triggeringEventFromEnv({})).toEqual({ name: undefined });
});

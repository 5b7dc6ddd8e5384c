import { applyRefusal } from '../../src/remediate/guard.js';

test.each(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'])('apply is refused on %s unless allowed', (event) => {
  expect(applyRefusal('apply', event, false)).toContain(`refused on the ${event} event`);
  expect(applyRefusal('apply', event, true)).toBeUndefined();
});

test('apply runs on other events, and plan/check anywhere', () => {
  expect(applyRefusal('apply', 'workflow_dispatch', false)).toBeUndefined();
  expect(applyRefusal('apply', undefined, false)).toBeUndefined();
  expect(applyRefusal('plan', 'pull_request', false)).toBeUndefined();
  expect(applyRefusal('check', 'pull_request_target', false)).toBeUndefined();
});

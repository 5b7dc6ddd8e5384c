import {
  redactChanges,
  renderApplyMarkdown,
  renderApplyText,
  renderPlanMarkdown,
  renderPlanText,
} from '../../src/remediate/render-plan.js';
import type { RemediationPlan } from '../../src/remediate/types.js';
import type { ApplyResult } from '../../src/remediate/apply.js';

const PLAN: RemediationPlan = {
  changes: [
    { target: 'passwordPolicy', setting: 'minimumLength', from: 8, to: 14 },
    { target: 'passwordPolicy', setting: 'maxAgeDays', from: null, to: 90 },
    { target: 'contact:SECURITY', setting: 'email', from: 'old@example.com', to: 'security@example.com' },
    { target: 'contact:SECURITY', setting: 'phone', from: null, to: '+1 206 555 0100' },
    { target: 'contact:SECURITY', setting: 'name', from: null, to: 'Sec | Team' },
  ],
  requests: {
    passwordPolicy: {},
    contacts: [{ AlternateContactType: 'SECURITY', Name: '', Title: '', EmailAddress: '', PhoneNumber: '' }],
  },
  blocked: [
    { target: 'contact:BILLING', reason: 'cannot write the billing contact: no phone (set AAB_CONTACT_BILLING_PHONE)' },
  ],
  manual: [{ control: 'root.mfa', resource: 'root', message: 'Root has no MFA.', instructions: 'Enable MFA on root.' }],
};

test('text: a diff per setting, contact e-mails and phones masked by default', () => {
  const text = renderPlanText(PLAN, 'contacts');
  expect(text).toContain('Plan: 5 changes; apply would send 2 requests.');
  expect(text).toContain('~ minimumLength: 8 -> 14');
  expect(text).toContain('~ maxAgeDays: never expire -> 90');
  expect(text).toContain('~ email: o***@e***.com -> s***@e***.com');
  expect(text).toContain('~ phone: (unset) -> +1 *** *** **00');
  expect(text).toContain('! contact:BILLING: cannot write');
  expect(text).toContain('- root.mfa [root]: Root has no MFA.');
  expect(text).not.toContain('security@example.com');
  expect(text).not.toContain('555');
});

test('text: redaction off shows the values', () => {
  expect(renderPlanText(PLAN, 'off')).toContain('security@example.com');
});

test('no changes: says so', () => {
  expect(renderPlanText({ changes: [], requests: { contacts: [] }, blocked: [], manual: [] }, 'contacts')).toBe(
    'Plan: no changes: the account already meets the policy.\n',
  );
});

test('markdown: a table, masked, with pipes escaped', () => {
  const markdown = renderPlanMarkdown(PLAN, 'contacts');
  expect(markdown).toContain('| <code>passwordPolicy</code> | minimumLength | 8 | **14** |');
  expect(markdown).toContain('| <code>contact:SECURITY</code> | name | (unset) | **Sec &#124; Team** |');
  expect(markdown).not.toContain('security@example.com');
  expect(markdown).toContain('**Manual steps**');
});

test('redactChanges returns the masked values as secrets', () => {
  const { changes, secrets } = redactChanges(PLAN.changes, 'contacts');
  expect(secrets).toEqual(['+1 206 555 0100', 'old@example.com', 'security@example.com']);
  expect(JSON.stringify(changes)).not.toContain('example.com"');
  expect(redactChanges(PLAN.changes, 'off')).toEqual({ changes: PLAN.changes, secrets: [] });
});

test('apply result: each setting with its outcome and the AWS error', () => {
  const result: ApplyResult = {
    ok: false,
    message: '1 of 2 changes applied, 1 failed',
    outcomes: [
      {
        target: 'passwordPolicy',
        setting: 'minimumLength',
        from: 8,
        to: 14,
        status: 'failed',
        errorCode: 'AccessDenied',
        errorMessage: 'not authorized',
      },
      { target: 'contact:SECURITY', setting: 'email', from: null, to: 'security@example.com', status: 'applied' },
    ],
  };
  const text = renderApplyText(result, 'contacts', { blocked: [], manual: PLAN.manual });
  expect(text).toContain('Apply: 1 of 2 changes applied, 1 failed.');
  expect(text).toContain('FAILED minimumLength: 8 -> 14 (AccessDenied: not authorized)');
  expect(text).toContain('applied email: (unset) -> s***@e***.com');
  expect(text).toContain('root.mfa');
  expect(renderApplyMarkdown(result, 'contacts')).toContain(
    '| <code>passwordPolicy</code> | minimumLength | 8 | 14 | FAILED (AccessDenied: not authorized) |',
  );
});

describe('hostile values from the account or the policy', () => {
  const FORGED = 'Eve\n::error file=x,line=1::forged';
  const HOSTILE = [
    FORGED,
    '<img src=x onerror=alert(1)><script>x</script>',
    '# heading',
    '@org/team',
    'a\r::warning::b\u2028c\u001b[31m',
  ];
  const hostilePlan: RemediationPlan = {
    changes: HOSTILE.map((value) => ({ target: 'contact:SECURITY', setting: 'name', from: value, to: value })),
    requests: { contacts: [] },
    blocked: [{ target: 'contact:BILLING', reason: `cannot write: ${FORGED}` }],
    manual: [{ control: 'root.mfa', resource: FORGED, message: '# heading @org/team', instructions: '<b>x</b>' }],
  };
  const hostileResult: ApplyResult = {
    ok: false,
    message: '0 of 1 change(s) applied, 1 failed',
    outcomes: [
      {
        target: 'contact:SECURITY',
        setting: 'name',
        from: FORGED,
        to: '@org/team',
        status: 'failed',
        errorCode: 'ValidationException',
        errorMessage: FORGED,
      },
    ],
  };

  it('text: no value starts a line of its own, so no workflow command can be forged', () => {
    for (const text of [
      renderPlanText(hostilePlan, 'contacts'),
      renderApplyText(hostileResult, 'contacts', hostilePlan),
    ]) {
      for (const line of text.split('\n')) expect(line).not.toMatch(/^\s*::/);
      // The point is to find control characters (ESC) that would reach the terminal.
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\r\u2028\u001b]/);
      expect(text).toContain('Eve\\n::error file=x,line=1::forged');
    }
  });

  it('markdown: no raw HTML, heading, @mention or line break from a value', () => {
    for (const markdown of [
      renderPlanMarkdown(hostilePlan, 'contacts'),
      renderApplyMarkdown(hostileResult, 'contacts', hostilePlan),
    ]) {
      expect(markdown).not.toMatch(/<(?!\/?(code|br)>)/);
      expect(markdown).not.toMatch(/@org/);
      expect(markdown).not.toMatch(/^#+ (?!Remediation)/m);
      for (const line of markdown.split('\n')) expect(line).not.toMatch(/^\s*::/);
      expect(markdown).toContain('&#35; heading');
      expect(markdown).toContain('&#64;org/team');
    }
    expect(renderPlanMarkdown(hostilePlan, 'contacts')).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });
});

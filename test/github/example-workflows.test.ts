/**
 * The example workflows parse, use only inputs the action has, ask for the permissions they need, and use the
 * current major version of every action (the docs' snippets too); the manual apply writes only from a
 * protected environment, through the apply role.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { CONTACT_FIELDS, contactEnvName } from '../../src/remediate/contact-values.js';
import type { AlternateContactType } from '../../src/state/types.js';

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string;
  if?: string;
  environment?: string | { name: string };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

/**
 * The current major of each action the examples and docs use. Checked when written (December 2026); an action
 * not listed here fails the test, so adding one means looking up its current major.
 */
const CURRENT_MAJORS: Record<string, string> = {
  'actions/checkout': 'v6',
  'actions/upload-artifact': 'v7',
  'actions/download-artifact': 'v8',
  'github/codeql-action/upload-sarif': 'v4',
  'OWNER/aws-account-baseline': 'v1',
};

const actionInputs = Object.keys(
  (parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }).inputs,
);
const folder = 'examples/workflows';
const workflows = Object.fromEntries(
  readdirSync(folder).map((name) => [name, parse(readFileSync(`${folder}/${name}`, 'utf8')) as Workflow]),
);
const actionSteps = (workflow: Workflow) =>
  Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .filter((step) => step.uses?.endsWith('/aws-account-baseline@v1'));

describe('examples/workflows', () => {
  it('has the pull-request, nightly drift, manual apply and organization workflows', () => {
    expect(Object.keys(workflows).sort()).toEqual([
      'manual-apply.yml',
      'nightly-drift.yml',
      'organization.yml',
      'pull-request.yml',
    ]);
  });

  it.each(Object.keys(workflows))('%s uses only inputs the action has, and asks for an OIDC token', (name) => {
    const workflow = workflows[name] as Workflow;
    const steps = actionSteps(workflow);
    // One step, except the organization workflow's discover -> matrix -> merge jobs and the apply's plan -> apply.
    expect(steps).toHaveLength({ 'organization.yml': 3, 'manual-apply.yml': 2 }[name] ?? 1);
    for (const key of steps.flatMap((step) => Object.keys(step.with ?? {}))) expect(actionInputs).toContain(key);
    expect(workflow.permissions['id-token']).toBe('write');
  });

  it('the pull-request workflow may comment, the nightly one may write issues and upload SARIF', () => {
    expect(workflows['pull-request.yml']?.permissions['pull-requests']).toBe('write');
    const nightly = workflows['nightly-drift.yml'] as Workflow;
    expect(nightly.permissions).toMatchObject({ issues: 'write', 'security-events': 'write' });
    expect(Object.keys(nightly.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const upload = Object.values(nightly.jobs)
      .flatMap((job) => job.steps)
      .find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.['sarif_file']).toBe('${{ steps.baseline.outputs.sarif }}');
  });

  const documents = [
    'README.md',
    ...readdirSync('docs')
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];
  const usesLines = (text: string) =>
    [...text.matchAll(/^\s*(?:-\s+)?uses:\s*([^\s#]+)/gm)].map((match) => match[1] ?? '');

  it.each([...Object.keys(workflows).map((name) => `${folder}/${name}`), ...documents])(
    '%s uses the current major of every action',
    (path) => {
      const outdated = usesLines(readFileSync(path, 'utf8')).filter((uses) => {
        const [action = '', version] = uses.split('@');
        return CURRENT_MAJORS[action] !== version;
      });
      expect(outdated).toEqual([]);
    },
  );

  it('finds the action references it checks', () => {
    const all = [...Object.keys(workflows).map((name) => `${folder}/${name}`), ...documents].flatMap((path) =>
      usesLines(readFileSync(path, 'utf8')),
    );
    expect(new Set(all.map((uses) => uses.split('@')[0]))).toEqual(new Set(Object.keys(CURRENT_MAJORS)));
  });

  describe('manual-apply.yml', () => {
    const workflow = workflows['manual-apply.yml'] as Workflow;
    const { plan, apply } = workflow.jobs as { plan: Job; apply: Job };
    const actionStep = (job: Job) => job.steps.find((step) => step.uses?.endsWith('/aws-account-baseline@v1')) as Step;
    const contactTypes: AlternateContactType[] = ['SECURITY', 'OPERATIONS', 'BILLING'];
    const validContactVariables = contactTypes.flatMap((type) =>
      CONTACT_FIELDS.map((field) => contactEnvName(type, field)),
    );

    it('runs only by hand, with the OIDC token and nothing else', () => {
      expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
      expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    });

    it('plans with the read-only role, outside the protected environment', () => {
      expect(plan.environment).toBeUndefined();
      expect(actionStep(plan).with).toMatchObject({
        mode: 'plan',
        'role-to-assume': '${{ vars.AWS_BASELINE_ROLE_ARN }}',
      });
    });

    it('applies only after the plan, in the protected environment the apply role trusts, with the apply role', () => {
      expect(apply.needs).toBe('plan');
      expect(apply.environment).toEqual({ name: 'aws-baseline-apply' });
      expect(actionStep(apply).with).toMatchObject({
        mode: 'apply',
        'role-to-assume': '${{ vars.AWS_BASELINE_APPLY_ROLE_ARN }}',
      });
    });

    it('passes the contact values from secrets, under the variable names apply reads', () => {
      for (const job of [plan, apply]) {
        const env = actionStep(job).env ?? {};
        expect(Object.keys(env).length).toBeGreaterThan(0);
        expect(Object.keys(env).filter((name) => !validContactVariables.includes(name))).toEqual([]);
        expect(Object.values(env).every((value) => /^\$\{\{ secrets\.\w+ \}\}$/.test(value))).toBe(true);
      }
      expect(actionStep(plan).env).toEqual(actionStep(apply).env);
    });
  });
});

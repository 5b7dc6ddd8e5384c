/** The example workflows parse, use only inputs the action has, and ask for the permissions they need. */
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

const actionInputs = Object.keys((parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }).inputs);
const folder = 'examples/workflows';
const workflows = Object.fromEntries(readdirSync(folder).map((name) => [name, parse(readFileSync(`${folder}/${name}`, 'utf8')) as Workflow]));
const actionSteps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps).filter((step) => step.uses?.endsWith('/aws-account-baseline@v1'));

describe('examples/workflows', () => {
  it('has the pull-request, nightly drift, manual apply and organization workflows', () => {
    expect(Object.keys(workflows).sort()).toEqual(['manual-apply.yml', 'nightly-drift.yml', 'organization.yml', 'pull-request.yml']);
  });

  it.each(Object.keys(workflows))('%s uses only inputs the action has, and asks for an OIDC token', (name) => {
    const workflow = workflows[name] as Workflow;
    const steps = actionSteps(workflow);
    // One step, except the organization workflow's discover -> matrix -> merge jobs.
    expect(steps).toHaveLength(name === 'organization.yml' ? 3 : 1);
    for (const key of steps.flatMap((step) => Object.keys(step.with ?? {}))) expect(actionInputs).toContain(key);
    expect(workflow.permissions['id-token']).toBe('write');
  });

  it('the pull-request workflow may comment, the nightly one may write issues and upload SARIF', () => {
    expect(workflows['pull-request.yml']?.permissions['pull-requests']).toBe('write');
    const nightly = workflows['nightly-drift.yml'] as Workflow;
    expect(nightly.permissions).toMatchObject({ issues: 'write', 'security-events': 'write' });
    expect(Object.keys(nightly.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const upload = Object.values(nightly.jobs).flatMap((job) => job.steps).find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.['sarif_file']).toBe('${{ steps.baseline.outputs.sarif }}');
  });
});

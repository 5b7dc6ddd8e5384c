import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api.mjs';
import { createGitHubClient, type GitHubClient } from '../../src/github/client.js';
import { DRIFT_LABEL, STATE_BLOCK_MAX, syncDriftIssue } from '../../src/github/drift-issue.js';
import { readStateBlock } from '../../src/github/markers.js';
import type { Finding } from '../../src/findings.js';
import { makeFinding, makeReport } from '../report/sample-report.js';

const repository = { owner: 'octo', repo: 'infra' };
let api: GitHubApiStandIn;
let client: GitHubClient;

beforeEach(async () => {
  api = await startGitHubApi({ maxPerPage: 2 });
  client = createGitHubClient(api.token, api.url);
});
afterEach(() => api.close());

const failing = (resource: string): Finding =>
  makeFinding({ control: 'iamUsers.consoleMfa', status: 'fail', severity: 'high', resource });
const passing = makeFinding({ control: 'root.mfa', status: 'pass', severity: 'critical', resource: 'root' });
const sync = (findings: Finding[], account = '111122223333', policy = 'policy.yml') =>
  syncDriftIssue(client, {
    ...repository,
    report: makeReport(findings, { account: { id: account }, policy }),
    runUrl: 'https://github.test/runs/1',
  });
const issues = () => api.state.issues;

describe('syncDriftIssue', () => {
  it('does nothing while the account is compliant and there is no issue', async () => {
    expect((await sync([passing])).action).toBe('none');
    expect(issues()).toHaveLength(0);
  });

  it('opens one labelled issue on drift, then updates it in place with what changed', async () => {
    const opened = await sync([failing('alice'), failing('bob'), passing]);
    expect(opened).toMatchObject({
      action: 'created',
      number: 1,
      added: ['iamUsers.consoleMfa @ alice', 'iamUsers.consoleMfa @ bob'],
      resolved: [],
    });
    expect(issues()[0]).toMatchObject({
      state: 'open',
      labels: [DRIFT_LABEL],
      title: 'AWS account 111122223333 drifted from policy.yml',
    });

    const updated = await sync([failing('bob'), failing('carol')]);
    expect(updated).toMatchObject({
      action: 'updated',
      number: 1,
      added: ['iamUsers.consoleMfa @ carol'],
      resolved: ['iamUsers.consoleMfa @ alice'],
    });
    expect(issues()).toHaveLength(1);
    const body = issues()[0]?.body ?? '';
    expect(body).toContain('**New failures (1):**\n- iamUsers.consoleMfa &#64; carol');
    expect(body).toContain('**Fixed (1):**\n- iamUsers.consoleMfa &#64; alice');
    expect(body).toContain('**Still failing:** 1');
    expect(readStateBlock(body)).toEqual({
      failing: ['iamUsers.consoleMfa @ bob', 'iamUsers.consoleMfa @ carol'],
      failingCount: 2,
    });
  });

  it('an error finding is drift too (fail closed)', async () => {
    expect((await sync([makeFinding({ control: 'root.mfa', status: 'error', severity: 'critical' })])).action).toBe(
      'created',
    );
  });

  it('closes with a comment when compliant, and reopens the same issue on new drift', async () => {
    await sync([failing('alice')]);
    const closed = await sync([passing]);
    expect(closed).toMatchObject({ action: 'closed', number: 1, resolved: ['iamUsers.consoleMfa @ alice'] });
    expect(issues()[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(api.state.comments.map((c) => [c.issue_number, c.body])).toEqual([
      [1, expect.stringContaining('compliant again')],
    ]);

    expect((await sync([passing])).action).toBe('none');

    const reopened = await sync([failing('alice')]);
    expect(reopened).toMatchObject({ action: 'reopened', number: 1, added: ['iamUsers.consoleMfa @ alice'] });
    expect(issues()).toHaveLength(1);
    expect(issues()[0]?.state).toBe('open');
  });

  it('keeps separate issues per account and per policy file, found past the first page', async () => {
    await sync([failing('a')], '111111111111');
    await sync([failing('a')], '222222222222');
    await sync([failing('a')], '111111111111', 'other.yml');
    await sync([failing('b')], '111111111111');
    expect(issues().map((i) => [i.number, i.title])).toEqual([
      [1, 'AWS account 111111111111 drifted from policy.yml'],
      [2, 'AWS account 222222222222 drifted from policy.yml'],
      [3, 'AWS account 111111111111 drifted from other.yml'],
    ]);
    expect(api.requests.some((r) => r.method === 'GET' && r.query['page'] === '2')).toBe(true);
  });

  it('recreates the issue when the old one was deleted or lost its label', async () => {
    await sync([failing('alice')]);
    const first = issues()[0];
    if (first) first.labels = [];
    expect((await sync([failing('alice')])).action).toBe('created');
    expect(issues().filter((i) => i.labels.includes(DRIFT_LABEL))).toHaveLength(1);
  });

  it('ignores issues with the label whose body does not start with the marker', async () => {
    api.seedIssue('octo', 'infra', {
      labels: [DRIFT_LABEL],
      body: 'Someone mentions <!-- aws-account-baseline:drift:111122223333:policy.yml --> in passing',
    });
    expect((await sync([failing('alice')])).action).toBe('created');
  });

  it('survives an edited body whose hidden state is unreadable', async () => {
    await sync([failing('alice')]);
    const first = issues()[0];
    if (first) first.body = (first.body ?? '').replace(/state [A-Za-z0-9+/=]+/, 'state !!!');
    expect(await sync([failing('alice')])).toMatchObject({ action: 'updated', added: ['iamUsers.consoleMfa @ alice'] });
  });
});

describe('syncDriftIssue adopts only what this token wrote', () => {
  const marker = '<!-- aws-account-baseline:drift:111122223333:policy.yml -->';

  it('never updates an issue with our marker written by someone else or another app', async () => {
    const planted = api.seedIssue('octo', 'infra', {
      labels: [DRIFT_LABEL],
      body: `${marker}\nplanted`,
      user: { login: 'mallory' },
    });
    const renovate = api.seedIssue('octo', 'infra', {
      labels: [DRIFT_LABEL],
      body: `${marker}\nrenovate`,
      user: { login: 'renovate[bot]' },
    });
    const result = await sync([failing('alice')]);
    expect(result.action).toBe('created');
    expect(result.closedDuplicates).toEqual([]);
    expect(issues().find((i) => i.number === planted.number)).toMatchObject({
      body: `${marker}\nplanted`,
      state: 'open',
    });
    expect(issues().find((i) => i.number === renovate.number)).toMatchObject({
      body: `${marker}\nrenovate`,
      state: 'open',
    });
    expect(api.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([]);
  });

  it('closes the duplicates two concurrent runs opened, keeping the oldest, and only its own', async () => {
    await Promise.all([sync([failing('alice')]), sync([failing('alice')])]);
    expect(issues().filter((i) => i.state === 'open')).toHaveLength(2);
    const foreign = api.seedIssue('octo', 'infra', {
      labels: [DRIFT_LABEL],
      body: `${marker}\nnot ours`,
      user: { login: 'renovate[bot]' },
    });

    const next = await sync([failing('alice'), failing('bob')]);
    expect(next).toMatchObject({
      action: 'updated',
      number: 1,
      closedDuplicates: [2],
      added: ['iamUsers.consoleMfa @ bob'],
    });
    expect(issues().find((i) => i.number === 2)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(api.state.comments.find((c) => c.issue_number === 2)?.body).toContain('Duplicate of #1');
    expect(issues().find((i) => i.number === foreign.number)?.state).toBe('open');
    expect((await sync([failing('alice')])).closedDuplicates).toEqual([]);
  });
});

describe("syncDriftIssue stays under GitHub's body limit", () => {
  const many = (count: number, prefix = 'user') =>
    Array.from({ length: count }, (_, index) =>
      failing(`${prefix}-${String(index).padStart(5, '0')}-${'x'.repeat(30)}`),
    );

  it('50,000 failing users: the body fits, the state is dropped to a count, and the next runs keep working', async () => {
    const first = await sync(many(50_000));
    expect(first.action).toBe('created');
    const body = issues()[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(readStateBlock(body)).toEqual({ failingCount: 50_000 });
    expect(body).toContain('- … and 49900 more');
    expect(body).toMatch(/\*\*\d+ rows left out\*\*/);

    const second = await sync(many(50_000));
    expect(second).toMatchObject({ action: 'updated', number: 1, added: [], resolved: [] });
    expect(issues()[0]?.body).toContain(
      'Not known: the last run had too many failing findings to keep in this issue. **Failing now:** 50000',
    );

    const third = await sync([failing('alice')]);
    expect(third).toMatchObject({ action: 'updated', number: 1 });
    expect(readStateBlock(issues()[0]?.body ?? '')).toEqual({
      failing: ['iamUsers.consoleMfa @ alice'],
      failingCount: 1,
    });
    expect((await sync([failing('alice'), failing('bob')])).added).toEqual(['iamUsers.consoleMfa @ bob']);
  });

  it('keeps the full list while it fits the state budget', async () => {
    await sync(many(200));
    const state = readStateBlock(issues()[0]?.body ?? '') as { failing?: string[] };
    expect(state.failing).toHaveLength(200);
    expect(JSON.stringify(state).length).toBeLessThan(STATE_BLOCK_MAX);
  });
});

import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api.mjs';
import { createGitHubClient, type GitHubClient } from '../../src/github/client.js';
import { prCommentBody, upsertPrComment } from '../../src/github/pr-comment.js';
import { prCommentMarker } from '../../src/github/markers.js';
import { UnknownIdentityError } from '../../src/github/identity.js';
import { makeFinding, makeReport, sampleReport } from '../report/sample-report.js';

const repository = { owner: 'octo', repo: 'infra' };
let api: GitHubApiStandIn;
let client: GitHubClient;

beforeEach(async () => {
  api = await startGitHubApi({ maxPerPage: 5 });
  client = createGitHubClient(api.token, api.url);
});
afterEach(() => api.close());

const ours = (policyFile = 'policy.yml') =>
  api.state.comments.filter((c) => c.body.startsWith(prCommentMarker(policyFile)));

describe('upsertPrComment', () => {
  it('creates the comment once, then updates it in place', async () => {
    const first = await upsertPrComment(client, {
      ...repository,
      issueNumber: 7,
      policyFile: 'policy.yml',
      body: 'run 1',
    });
    const second = await upsertPrComment(client, {
      ...repository,
      issueNumber: 7,
      policyFile: 'policy.yml',
      body: 'run 2',
    });
    expect([first.action, second.action]).toEqual(['created', 'updated']);
    expect(second.id).toBe(first.id);
    expect(ours().map((c) => c.body)).toEqual([`${prCommentMarker('policy.yml')}\nrun 2`]);
  });

  it('leaves an identical comment alone', async () => {
    await upsertPrComment(client, { ...repository, issueNumber: 7, policyFile: 'policy.yml', body: 'same' });
    const again = await upsertPrComment(client, {
      ...repository,
      issueNumber: 7,
      policyFile: 'policy.yml',
      body: 'same',
    });
    expect(again.action).toBe('unchanged');
    expect(api.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql')).toHaveLength(1);
  });

  it('finds its comment past the first page of comments', async () => {
    for (let index = 0; index < 12; index += 1) api.seedComment('octo', 'infra', 7, `chatter ${index}`);
    await upsertPrComment(client, { ...repository, issueNumber: 7, policyFile: 'policy.yml', body: 'run 1' });
    for (let index = 0; index < 12; index += 1) api.seedComment('octo', 'infra', 7, `more chatter ${index}`);
    const second = await upsertPrComment(client, {
      ...repository,
      issueNumber: 7,
      policyFile: 'policy.yml',
      body: 'run 2',
    });
    expect(second.action).toBe('updated');
    expect(ours()).toHaveLength(1);
    expect(api.requests.some((r) => r.method === 'GET' && r.query['page'] === '5')).toBe(true);
  });

  it('keeps one comment per policy file', async () => {
    await upsertPrComment(client, { ...repository, issueNumber: 7, policyFile: 'a.yml', body: 'a' });
    await upsertPrComment(client, { ...repository, issueNumber: 7, policyFile: 'b.yml', body: 'b' });
    await upsertPrComment(client, { ...repository, issueNumber: 7, policyFile: 'a.yml', body: 'a2' });
    expect(api.state.comments.map((c) => c.body)).toEqual([
      `${prCommentMarker('a.yml')}\na2`,
      `${prCommentMarker('b.yml')}\nb`,
    ]);
  });

  it('ignores a reply that quotes the marker, and removes duplicates left by concurrent runs', async () => {
    const marker = prCommentMarker('policy.yml');
    api.seedComment('octo', 'infra', 7, `> ${marker}\n> quoted`);
    api.seedComment('octo', 'infra', 7, `${marker}\nold 1`, 'github-actions[bot]');
    api.seedComment('octo', 'infra', 7, `${marker}\nold 2`, 'github-actions[bot]');
    const result = await upsertPrComment(client, {
      ...repository,
      issueNumber: 7,
      policyFile: 'policy.yml',
      body: 'new',
    });
    expect(result).toMatchObject({ action: 'updated', removedDuplicates: 1 });
    expect(api.state.comments.map((c) => c.body)).toEqual([`> ${marker}\n> quoted`, `${marker}\nnew`]);
  });

  it('never edits or deletes a comment someone else wrote with our marker', async () => {
    const marker = prCommentMarker('policy.yml');
    const planted = api.seedComment('octo', 'infra', 7, `${marker}\nplanted by a commenter`, 'mallory');
    const result = await upsertPrComment(client, {
      ...repository,
      issueNumber: 7,
      policyFile: 'policy.yml',
      body: 'report',
    });
    expect(result).toMatchObject({ action: 'created', removedDuplicates: 0 });
    expect(api.state.comments.find((c) => c.id === planted.id)?.body).toBe(`${marker}\nplanted by a commenter`);
    expect(api.requests.filter((r) => r.method === 'PATCH' || r.method === 'DELETE')).toEqual([]);
  });

  it('a policy path cannot end the marker comment early', () => {
    expect(prCommentMarker('a-->b <x>.yml')).toBe('<!-- aws-account-baseline:a%2D-%3Eb%20%3Cx%3E.yml -->');
    expect(prCommentMarker('a-->b.yml').slice(4, -3)).not.toContain('--');
  });

  it('writes the summary of the report as the body', async () => {
    await upsertPrComment(client, {
      ...repository,
      issueNumber: 7,
      policyFile: sampleReport.policy,
      body: prCommentBody(sampleReport, 'https://github.test/run/1'),
    });
    const body = ours(sampleReport.policy)[0]?.body ?? '';
    expect(body).toContain('### aws-account-baseline: ❌ Not compliant');
    expect(body).toContain('[Workflow run](https://github.test/run/1)');
  });

  it("cuts a body over GitHub's limit instead of failing", async () => {
    const long = Array.from({ length: 5000 }, (_, index) => `line ${index} ${'x'.repeat(20)}`).join('\n');
    await upsertPrComment(client, { ...repository, issueNumber: 7, policyFile: 'policy.yml', body: long });
    const body = ours()[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body).toContain('(cut: the full report is in the job summary of the run)');
  });
});

describe('upsertPrComment adopts only what this token wrote', () => {
  const marker = prCommentMarker('policy.yml');
  const writes = () => api.requests.filter((r) => r.method === 'PATCH' || r.method === 'DELETE');

  it("leaves renovate's and another app's comment with our marker alone (GITHUB_TOKEN: github-actions[bot])", async () => {
    const renovate = api.seedComment('octo', 'infra', 7, `${marker}\nrenovate`, 'renovate[bot]');
    const otherApp = api.seedComment('octo', 'infra', 7, `${marker}\nanother app`, 'other-app[bot]');
    const first = await upsertPrComment(client, {
      ...repository,
      issueNumber: 7,
      policyFile: 'policy.yml',
      body: 'run 1',
    });
    const second = await upsertPrComment(client, {
      ...repository,
      issueNumber: 7,
      policyFile: 'policy.yml',
      body: 'run 2',
    });
    expect([first.action, second.action]).toEqual(['created', 'updated']);
    expect(second).toMatchObject({ id: first.id, removedDuplicates: 0 });
    expect(api.state.comments.find((c) => c.id === renovate.id)?.body).toBe(`${marker}\nrenovate`);
    expect(api.state.comments.find((c) => c.id === otherApp.id)?.body).toBe(`${marker}\nanother app`);
    expect(writes().map((r) => r.path)).toEqual([`/repos/octo/infra/issues/comments/${first.id}`]);
    // Asked once per client, with the query that answers for installation tokens.
    expect(api.requests.filter((r) => r.path === '/graphql')).toHaveLength(1);
  });

  it("an app token (<slug>[bot]) adopts its own comments, not github-actions[bot]'s", async () => {
    await api.close();
    api = await startGitHubApi({ identity: { login: 'baseline-app[bot]' } });
    client = createGitHubClient(api.token, api.url);
    const actions = api.seedComment('octo', 'infra', 7, `${marker}\nby the job token`, 'github-actions[bot]');
    const own = api.seedComment('octo', 'infra', 7, `${marker}\nmine`, 'baseline-app[bot]');
    const result = await upsertPrComment(client, {
      ...repository,
      issueNumber: 7,
      policyFile: 'policy.yml',
      body: 'new',
    });
    expect(result).toMatchObject({ action: 'updated', id: own.id, removedDuplicates: 0 });
    expect(api.state.comments.find((c) => c.id === actions.id)?.body).toBe(`${marker}\nby the job token`);
  });

  it("a personal token: its user's comments only, and GET /user when GraphQL is not there", async () => {
    await api.close();
    api = await startGitHubApi({ identity: { login: 'octocat', app: false }, graphql: false });
    client = createGitHubClient(api.token, api.url);
    const bot = api.seedComment('octo', 'infra', 7, `${marker}\nbot`, 'github-actions[bot]');
    const own = api.seedComment('octo', 'infra', 7, `${marker}\nmine`, 'octocat');
    const result = await upsertPrComment(client, {
      ...repository,
      issueNumber: 7,
      policyFile: 'policy.yml',
      body: 'new',
    });
    expect(result).toMatchObject({ action: 'updated', id: own.id });
    expect(api.state.comments.find((c) => c.id === bot.id)?.body).toBe(`${marker}\nbot`);
  });

  it("writes nothing when the token's identity cannot be told", async () => {
    await api.close();
    api = await startGitHubApi({ graphql: false });
    client = createGitHubClient(api.token, api.url);
    api.seedComment('octo', 'infra', 7, `${marker}\nold`, 'github-actions[bot]');
    await expect(
      upsertPrComment(client, { ...repository, issueNumber: 7, policyFile: 'policy.yml', body: 'new' }),
    ).rejects.toThrow(UnknownIdentityError);
    expect(api.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql')).toEqual([]);
  });
});

it('the body of a report with 1,500 failing users fits a comment and says how many rows were left out', () => {
  const findings = Array.from({ length: 1_500 }, (_, index) =>
    makeFinding({ control: 'iamUsers.consoleMfa', status: 'fail', severity: 'high', resource: `user-${index}` }),
  );
  const body = prCommentBody(makeReport(findings), 'https://github.test/run/1');
  expect(body.length + prCommentMarker('policy.yml').length + 1).toBeLessThanOrEqual(65_536);
  expect(body).toMatch(/\*\*\d+ rows left out\*\*/);
  expect(body).toContain('[Workflow run](https://github.test/run/1)');
});

// A local stand-in for the parts of the GitHub REST API the action uses (issue comments and issues, and who the
// token is: GraphQL `viewer` and GET /user, which refuses installation tokens as GitHub does), on
// 127.0.0.1 with node:http only. It paginates like GitHub (per_page, page, Link rel="next"), requires an
// Authorization header, and keeps everything in memory so tests can look at the result and at every request.
import { createServer } from 'node:http';

/** @param {{ token?: string, maxPerPage?: number, identity?: { login: string, app?: boolean }, graphql?: boolean }} [options] */
export async function startGitHubApi(options = {}) {
  const token = options.token ?? 'test-token';
  // Who the token is: by default the job's GITHUB_TOKEN, an installation token of the github-actions app.
  const identity = options.identity ?? { login: 'github-actions[bot]', app: true };
  const author = () => ({
    user: { login: identity.login, type: identity.app === false ? 'User' : 'Bot' },
    performed_via_github_app: identity.app === false ? null : { slug: identity.login.replace(/\[bot\]$/, '') },
  });
  const maxPerPage = options.maxPerPage ?? 100;
  const state = { comments: [], issues: [], labels: new Set(), nextId: 1000, nextNumber: 1 };
  const requests = [];
  /** Status codes to answer instead of handling, keyed by "METHOD /path" (path without query). */
  const failures = new Map();
  let baseUrl = '';

  const now = () => new Date(Date.UTC(2026, 10, 26, 8, 0, requests.length)).toISOString();
  const issueView = (owner, repo, issue) => ({
    ...issue,
    url: `${baseUrl}/repos/${owner}/${repo}/issues/${issue.number}`,
    html_url: `https://github.test/${owner}/${repo}/issues/${issue.number}`,
    labels: issue.labels.map((name) => ({ name })),
  });
  const commentView = (owner, repo, comment) => ({
    ...comment,
    url: `${baseUrl}/repos/${owner}/${repo}/issues/comments/${comment.id}`,
    html_url: `https://github.test/${owner}/${repo}/issues/${comment.issue_number}#issuecomment-${comment.id}`,
  });

  function page(response, url, items) {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), maxPerPage);
    const pageNumber = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
    if (pageNumber * perPage < items.length) {
      const next = new URL(url);
      next.searchParams.set('page', String(pageNumber + 1));
      next.searchParams.set('per_page', String(perPage));
      response.setHeader('Link', `<${baseUrl}${next.pathname}${next.search}>; rel="next"`);
    }
    return slice;
  }

  function send(response, status, body) {
    response.statusCode = status;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.end(body === undefined ? '' : JSON.stringify(body));
  }

  async function readBody(request) {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    return text === '' ? {} : JSON.parse(text);
  }

  async function handle(request, response) {
    const url = new URL(request.url ?? '/', baseUrl);
    const body = await readBody(request);
    requests.push({ method: request.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body });
    const failure = failures.get(`${request.method} ${url.pathname}`);
    if (failure !== undefined) return send(response, failure, { message: 'Resource not accessible by integration' });
    if (request.headers.authorization !== `token ${token}`) return send(response, 401, { message: 'Bad credentials' });

    if (url.pathname === '/graphql' && request.method === 'POST') {
      if (options.graphql === false) return send(response, 404, { message: 'Not Found' });
      if (!/viewer\s*\{\s*login\s*\}/.test(String(body.query ?? '')))
        return send(response, 200, { errors: [{ message: 'unsupported query' }] });
      return send(response, 200, { data: { viewer: { login: identity.login } } });
    }
    if (url.pathname === '/user' && request.method === 'GET') {
      if (identity.app !== false) return send(response, 403, { message: 'Resource not accessible by integration' });
      return send(response, 200, { login: identity.login, type: 'User' });
    }
    let match;
    if ((match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname))) {
      const [, owner, repo, number] = match;
      const issueNumber = Number(number);
      if (request.method === 'GET') {
        const all = state.comments.filter(
          (c) => c.owner === owner && c.repo === repo && c.issue_number === issueNumber,
        );
        return send(
          response,
          200,
          page(response, url, all).map((c) => commentView(owner, repo, c)),
        );
      }
      if (request.method === 'POST') {
        if (typeof body.body !== 'string') return send(response, 422, { message: 'body is required' });
        if (body.body.length > 65536)
          return send(response, 422, { message: 'body is too long (maximum is 65536 characters)' });
        const comment = {
          id: state.nextId++,
          owner,
          repo,
          issue_number: issueNumber,
          body: body.body,
          created_at: now(),
          updated_at: now(),
          ...author(),
        };
        state.comments.push(comment);
        return send(response, 201, commentView(owner, repo, comment));
      }
    }
    if ((match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname))) {
      const [, owner, repo, id] = match;
      const index = state.comments.findIndex((c) => c.owner === owner && c.repo === repo && c.id === Number(id));
      if (index < 0) return send(response, 404, { message: 'Not Found' });
      if (request.method === 'PATCH') {
        if (typeof body.body !== 'string') return send(response, 422, { message: 'body is required' });
        Object.assign(state.comments[index], { body: body.body, updated_at: now() });
        return send(response, 200, commentView(owner, repo, state.comments[index]));
      }
      if (request.method === 'DELETE') {
        state.comments.splice(index, 1);
        return send(response, 204);
      }
    }
    if ((match = /^\/repos\/([^/]+)\/([^/]+)\/issues$/.exec(url.pathname))) {
      const [, owner, repo] = match;
      if (request.method === 'GET') {
        const wanted = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
        const stateFilter = url.searchParams.get('state') ?? 'open';
        const all = state.issues
          .filter((i) => i.owner === owner && i.repo === repo)
          .filter((i) => stateFilter === 'all' || i.state === stateFilter)
          .filter((i) => wanted.every((label) => i.labels.includes(label)))
          .sort((a, b) => b.number - a.number);
        return send(
          response,
          200,
          page(response, url, all).map((i) => issueView(owner, repo, i)),
        );
      }
      if (request.method === 'POST') {
        if (typeof body.title !== 'string' || body.title === '')
          return send(response, 422, { message: 'title is required' });
        if (typeof body.body === 'string' && body.body.length > 65536)
          return send(response, 422, { message: 'body is too long' });
        const labels = (body.labels ?? []).map((label) => (typeof label === 'string' ? label : label.name));
        for (const label of labels) state.labels.add(label); // GitHub creates missing labels for writers
        const issue = {
          number: state.nextNumber++,
          owner,
          repo,
          title: body.title,
          body: body.body ?? null,
          labels,
          state: 'open',
          state_reason: null,
          created_at: now(),
          updated_at: now(),
          closed_at: null,
          ...author(),
        };
        state.issues.push(issue);
        return send(response, 201, issueView(owner, repo, issue));
      }
    }
    if ((match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/.exec(url.pathname))) {
      const [, owner, repo, number] = match;
      const issue = state.issues.find((i) => i.owner === owner && i.repo === repo && i.number === Number(number));
      if (!issue) return send(response, 404, { message: 'Not Found' });
      if (request.method === 'GET') return send(response, 200, issueView(owner, repo, issue));
      if (request.method === 'PATCH') {
        if (typeof body.body === 'string' && body.body.length > 65536)
          return send(response, 422, { message: 'body is too long' });
        for (const key of ['title', 'body']) if (typeof body[key] === 'string') issue[key] = body[key];
        if (body.state === 'closed' && issue.state !== 'closed')
          Object.assign(issue, { state: 'closed', closed_at: now(), state_reason: body.state_reason ?? 'completed' });
        if (body.state === 'open' && issue.state !== 'open')
          Object.assign(issue, { state: 'open', closed_at: null, state_reason: 'reopened' });
        issue.updated_at = now();
        return send(response, 200, issueView(owner, repo, issue));
      }
    }
    return send(response, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => send(response, 500, { message: String(error) }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${address.port}`;

  return {
    url: baseUrl,
    token,
    state,
    requests,
    failures,
    /** Adds an issue as if someone had written it (for tests that start from an existing issue). */
    seedIssue(owner, repo, fields) {
      const issue = {
        number: state.nextNumber++,
        owner,
        repo,
        title: 't',
        body: null,
        labels: [],
        state: 'open',
        state_reason: null,
        created_at: now(),
        updated_at: now(),
        closed_at: null,
        user: { login: 'someone' },
        ...fields,
      };
      state.issues.push(issue);
      return issue;
    },
    /** Adds a comment as if someone had written it. */
    seedComment(owner, repo, issueNumber, body, login = 'someone') {
      const comment = {
        id: state.nextId++,
        owner,
        repo,
        issue_number: issueNumber,
        body,
        created_at: now(),
        updated_at: now(),
        user: { login },
        performed_via_github_app: login.endsWith('[bot]') ? { slug: login.slice(0, -5) } : null,
      };
      state.comments.push(comment);
      return comment;
    },
    // The client keeps its connections alive: end them too, or close() waits for their idle timeout and the test
    // process holds their sockets after the last test.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

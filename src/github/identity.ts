/**
 * Which account the github-token writes as, so the PR comment and the drift issue only ever adopt what this token
 * wrote. Anyone may post a body that starts with our hidden marker, and other apps (renovate, dependabot) write
 * as `[bot]` accounts too: matching "any bot" let us delete and overwrite their comments.
 *
 * Asked with the GraphQL `viewer` query, which answers for every kind of token: a personal token (the user's
 * login), the job's GITHUB_TOKEN (`github-actions[bot]`) and any GitHub App installation token (`<slug>[bot]`).
 * REST `GET /user` refuses installation tokens ("Resource not accessible by integration") and `GET /app` needs the
 * app's JWT, so neither can serve alone; `GET /user` is kept as the fallback for servers without GraphQL. When
 * neither answers, the identity is unknown and nothing is adopted: the caller skips with a warning rather than guess.
 */
import type { GitHubClient } from './client.js';

export class UnknownIdentityError extends Error {
  constructor() {
    super(
      'could not tell which account the github-token writes as (GraphQL viewer and GET /user both failed), ' +
        'so no comment or issue was adopted',
    );
    this.name = 'UnknownIdentityError';
  }
}

const cache = new WeakMap<GitHubClient, Promise<string>>();

async function askLogin(client: GitHubClient): Promise<string> {
  try {
    const answer = await client.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
    const login = answer.viewer?.login;
    if (typeof login === 'string' && login !== '') return login;
  } catch {
    // An older server or a token without GraphQL access: try REST.
  }
  try {
    const { data } = await client.rest.users.getAuthenticated();
    if (data.login !== '') return data.login;
  } catch {
    // Installation tokens may not call GET /user.
  }
  throw new UnknownIdentityError();
}

/** The token's own login, asked once per client. */
export function tokenLogin(client: GitHubClient): Promise<string> {
  let login = cache.get(client);
  if (login === undefined) {
    login = askLogin(client);
    cache.set(client, login);
    // A failed answer is not kept: a later call may ask again.
    login.catch(() => cache.delete(client));
  }
  return login;
}

/** The one place an authenticated GitHub REST client is made. */
import { getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface Repository {
  owner: string;
  repo: string;
}

/**
 * An Octokit for `token`. The API URL is read when the client is made, not when @actions/github is imported,
 * so GitHub Enterprise Server (and the tests' local stand-in) is honoured via GITHUB_API_URL.
 */
export function createGitHubClient(
  token: string,
  apiUrl: string = process.env['GITHUB_API_URL'] ?? 'https://api.github.com',
): GitHubClient {
  return getOctokit(token, { baseUrl: apiUrl.replace(/\/+$/, '') });
}

/** `owner/name` from GITHUB_REPOSITORY. */
export function repositoryFromEnv(env: NodeJS.ProcessEnv = process.env): Repository | undefined {
  const [owner, repo, ...rest] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  return owner && repo && rest.length === 0 ? { owner, repo } : undefined;
}

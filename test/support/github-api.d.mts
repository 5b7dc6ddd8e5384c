/** Types of the local GitHub REST stand-in (github-api.mjs). */
export interface StandInComment {
  id: number;
  owner: string;
  repo: string;
  issue_number: number;
  body: string;
  created_at: string;
  updated_at: string;
  user: { login: string };
  performed_via_github_app?: { slug: string } | null;
}

export interface StandInIssue {
  number: number;
  owner: string;
  repo: string;
  title: string;
  body: string | null;
  labels: string[];
  state: 'open' | 'closed';
  state_reason: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  user: { login: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
}

export interface GitHubApiStandIn {
  url: string;
  token: string;
  state: { comments: StandInComment[]; issues: StandInIssue[]; labels: Set<string>; nextId: number; nextNumber: number };
  requests: RecordedRequest[];
  /** Answer `"METHOD /path"` with this status instead of handling it. */
  failures: Map<string, number>;
  seedIssue(owner: string, repo: string, fields: Partial<StandInIssue>): StandInIssue;
  seedComment(owner: string, repo: string, issueNumber: number, body: string, login?: string): StandInComment;
  close(): Promise<void>;
}

export interface StandInOptions {
  token?: string;
  maxPerPage?: number;
  /** Who the token is; default the job's GITHUB_TOKEN (`github-actions[bot]`, an app: GET /user answers 403). */
  identity?: { login: string; app?: boolean };
  /** false: POST /graphql answers 404 (a server without GraphQL). */
  graphql?: boolean;
}

export function startGitHubApi(options?: StandInOptions): Promise<GitHubApiStandIn>;

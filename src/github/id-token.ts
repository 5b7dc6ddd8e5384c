/**
 * The job's GitHub OIDC token for `role-to-assume`. @actions/core's own errors ("Unable to get
 * ACTIONS_ID_TOKEN_REQUEST_URL env variable", a multi-line HTTP error) do not say what to change in the
 * workflow: these one-line errors do.
 */
import * as core from '@actions/core';
import { AccountUnreadableError } from '../errors.js';

const PERMISSION_FIX =
  'Fix: give the job `permissions: id-token: write` (keep `contents: read`); runs for pull requests from ' +
  'forks never get an OIDC token.';

export async function githubIdToken(
  audience: string,
  env: NodeJS.ProcessEnv = process.env,
  getIDToken: (audience: string) => Promise<string> = core.getIDToken,
): Promise<string> {
  if (!env['ACTIONS_ID_TOKEN_REQUEST_URL'] || !env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
    throw new AccountUnreadableError(
      `role-to-assume needs the job's GitHub OIDC token, but the runner offers none ` +
        `(ACTIONS_ID_TOKEN_REQUEST_URL is not set). ${PERMISSION_FIX}`,
    );
  }
  try {
    return await getIDToken(audience);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
    throw new AccountUnreadableError(
      `Could not get the GitHub OIDC token for audience "${audience}" (${reason}). ${PERMISSION_FIX}`,
    );
  }
}

/**
 * On Node 20 every AWS SDK client prints NodeVersionSupportWarning (SDK releases after the first week of
 * January 2027 need Node 22). The CLI supports Node 20 and pins an SDK that runs on it (README, "Supported
 * Node.js versions"), so on every run that warning would tell a CLI user about nothing they need to act on.
 */

/** The SDK's own switch for exactly that warning; no other warning is touched. */
export const SDK_NODE_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/** The oldest Node major the CLI supports (package.json `engines`). */
export const OLDEST_SUPPORTED_NODE = 20;

/**
 * Turns the warning off on supported Node versions, before any SDK client exists. On an older, unsupported
 * Node the warning is news to the user and stays; a value the user set is kept either way.
 */
export function quietSdkNodeVersionWarning(env: NodeJS.ProcessEnv, nodeVersion: string): void {
  const major = Number(/^v(\d+)\./.exec(nodeVersion)?.[1]);
  if (major >= OLDEST_SUPPORTED_NODE && env[SDK_NODE_WARNING_SWITCH] === undefined)
    env[SDK_NODE_WARNING_SWITCH] = 'true';
}

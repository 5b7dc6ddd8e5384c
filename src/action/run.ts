/** The GitHub Action: inputs -> credentials -> pipeline -> annotations, summary, files, outputs. */
import * as core from '@actions/core';
import { runCheck } from '../pipeline.js';
import { renderJson } from '../report/json.js';
import { publishReport } from './publish-report.js';
import { registerSecrets } from '../github/publish.js';
import { AwsConnection } from '../state/aws-clients.js';
import { assumeRoleWithWebIdentity } from '../state/credentials.js';
import { githubIdToken } from '../github/id-token.js';
import { AccountUnreadableError, InputError, UsageError, formatIssues } from '../errors.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { runOrganizationStep } from './organization.js';
import { startDeadline, untilDeadline, type RunDeadline } from '../deadline.js';
import { remediationMarkdown, runRemediation } from '../remediate/run.js';
import { applyRefusal } from '../remediate/guard.js';
import { triggeringEventFromEnv } from '../github/run-context.js';
import { expectedAccountId } from '../controls/account.js';
import { holdCredentials, scrubCredentials } from '../state/credential-scrub.js';

export async function run(): Promise<void> {
  let deadline: RunDeadline | undefined;
  let connection: AwsConnection | undefined;
  try {
    const inputs = readInputs();
    holdCredentials(inputs.githubToken);
    deadline = startDeadline(inputs.timeoutSeconds * 1000);
    const refusal = applyRefusal(inputs.mode, triggeringEventFromEnv(), inputs.allowApplyOnPullRequest);
    if (refusal !== undefined) {
      failWithoutReport(refusal);
      return;
    }
    // One connection for the whole step (the OIDC exchange, then every client of the run), closed in `finally`.
    connection = new AwsConnection(inputs.awsRegion === undefined ? {} : { region: inputs.awsRegion });
    // The token request and the role exchange take no AbortSignal: the deadline races them.
    const aws = await untilDeadline(withRoleCredentials(inputs, connection), deadline.signal);
    if (inputs.organization.step.kind !== 'single' && inputs.mode !== 'check') {
      throw new UsageError(
        'plan and apply work on one account at a time: run them without accounts, organization, shards or ' +
          'merge-reports',
      );
    }
    if (await runOrganizationStep(inputs, aws)) return;
    const request = {
      policyFile: inputs.policy,
      ...(inputs.state !== undefined && { stateFile: inputs.state }),
      aws,
      now: new Date(),
      redact: inputs.redact,
      abortSignal: deadline.signal,
    };
    // plan / apply wrap the check: same report, plus changes, outcomes and manual steps.
    const remediation =
      inputs.mode === 'check' ? undefined : await runRemediation({ ...request, mode: inputs.mode, env: process.env });
    const result = remediation?.check ?? (await runCheck(request));
    const report = remediation?.report ?? result.report;
    registerSecrets(remediation?.secrets ?? result.secrets);
    const breaking = await publishReport(report, result.policy, inputs, {
      jsonText: renderJson(report),
      ...(remediation !== undefined && { summaryAppendix: remediationMarkdown(remediation, inputs.redact) }),
    });
    if (result.evaluation.wrongAccount) {
      core.setFailed(
        `The credentials do not belong to account ${expectedAccountId(result.policy) ?? ''}: nothing else was checked.`,
      );
      return;
    }
    if (remediation?.applied) core.info(`apply: ${remediation.applied.message}`);
    if (remediation?.writeFailed) core.setFailed(`apply: ${remediation.applied?.message ?? 'a write failed'}`);
    if (breaking.length > 0) {
      core.setFailed(
        `${breaking.length === 1 ? '1 finding' : `${breaking.length} findings`} at or above ` +
          `"${inputs.failOn}" severity failed or could not be checked.`,
      );
    }
  } catch (error) {
    failWithoutReport(describeError(error));
  } finally {
    connection?.destroy();
    deadline?.finish();
  }
}

/**
 * A run that ends without a verdict is not compliant: `compliant` must not stay empty for `if:` conditions
 * downstream.
 */
function failWithoutReport(message: string): void {
  core.setOutput('compliant', 'false');
  core.setFailed(scrubCredentials(message));
}

/** The connection with the role of `role-to-assume` (GitHub OIDC), or as it is (the default credential chain). */
async function withRoleCredentials(inputs: ActionInputs, connection: AwsConnection): Promise<AwsConnection> {
  if (inputs.roleToAssume === undefined || inputs.state !== undefined) return connection;
  const token = await githubIdToken(inputs.audience);
  const credentials = await assumeRoleWithWebIdentity({
    roleArn: inputs.roleToAssume,
    webIdentityToken: token,
    sessionName: inputs.roleSessionName,
    durationSeconds: inputs.roleDurationSeconds,
    audience: inputs.audience,
    sts: connection.createStsClient(),
  });
  core.setSecret(credentials.accessKeyId);
  core.setSecret(credentials.secretAccessKey);
  if (credentials.sessionToken) core.setSecret(credentials.sessionToken);
  return connection.withCredentials(credentials);
}

function describeError(error: unknown): string {
  if (error instanceof InputError) return formatIssues(error.issues);
  if (error instanceof AccountUnreadableError) return error.message;
  return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
}

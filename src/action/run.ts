/** The GitHub Action: inputs -> credentials -> pipeline -> annotations, summary, files, outputs. */
import * as core from '@actions/core';
import { runCheck } from '../pipeline.js';
import { renderJson } from '../report/json.js';
import { publishReport } from './publish.js';
import type { AwsClientOptions } from '../state/aws-clients.js';
import { assumeRoleWithWebIdentity } from '../state/credentials.js';
import { githubIdToken } from '../github/id-token.js';
import { AccountUnreadableError, InputError, UsageError, formatIssue } from '../errors.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { runOrganizationStep } from './organization.js';
import { readOrganizationInputs } from '../org/action-inputs.js';
import { startDeadline, untilDeadline, type RunDeadline } from '../deadline.js';
import { remediationMarkdown, runRemediation } from '../remediate/run.js';
import { applyRefusal } from '../remediate/guard.js';

export async function run(): Promise<void> {
  let deadline: RunDeadline | undefined;
  try {
    const inputs = readInputs();
    deadline = startDeadline(inputs.timeoutSeconds * 1000);
    const refusal = applyRefusal(inputs.mode, process.env.GITHUB_EVENT_NAME, inputs.allowApplyOnPullRequest);
    if (refusal !== undefined) {
      failWithoutReport(refusal);
      return;
    }
    // The token request and the role exchange take no AbortSignal: the deadline races them.
    const aws = await untilDeadline(awsOptions(inputs), deadline.signal);
    const organization = readOrganizationInputs(core.getInput);
    if (organization.step.kind !== 'single' && inputs.mode !== 'check') {
      throw new UsageError('plan and apply work on one account at a time: run them without accounts, organization, shards or merge-reports');
    }
    if (await runOrganizationStep(inputs, organization, aws)) return;
    const request = {
      policyFile: inputs.policy,
      ...(inputs.state !== undefined && { stateFile: inputs.state }),
      aws,
      now: new Date(),
      redact: inputs.redact,
      abortSignal: deadline.signal,
    };
    // plan / apply wrap the check: same report, plus changes, outcomes and manual steps.
    const remediation = inputs.mode === 'check' ? undefined : await runRemediation({ ...request, mode: inputs.mode, env: process.env });
    const result = remediation?.check ?? (await runCheck(request));
    const report = remediation?.report ?? result.report;
    for (const secret of remediation?.secrets ?? result.secrets) core.setSecret(secret);
    const breaking = await publishReport(report, result.policy, inputs, {
      jsonText: renderJson(report),
      ...(remediation !== undefined && { summaryAppendix: remediationMarkdown(remediation, inputs.redact) }),
    });
    if (result.evaluation.wrongAccount) {
      core.setFailed(`The credentials do not belong to account ${result.policy.account?.id ?? ''}: nothing else was checked.`);
      return;
    }
    if (remediation?.applied) core.info(`apply: ${remediation.applied.message}`);
    if (remediation?.writeFailed) core.setFailed(`apply: ${remediation.applied?.message ?? 'a write failed'}`);
    if (breaking.length > 0) {
      core.setFailed(`${breaking.length === 1 ? '1 finding' : `${breaking.length} findings`} at or above "${inputs.failOn}" severity failed or could not be checked.`);
    }
  } catch (error) {
    failWithoutReport(describeError(error));
  } finally {
    deadline?.finish();
  }
}

/** A run that ends without a verdict is not compliant: `compliant` must not stay empty for `if:` conditions downstream. */
function failWithoutReport(message: string): void {
  core.setOutput('compliant', 'false');
  core.setFailed(message);
}

async function awsOptions(inputs: ActionInputs): Promise<AwsClientOptions> {
  const base: AwsClientOptions = inputs.awsRegion === undefined ? {} : { region: inputs.awsRegion };
  if (inputs.roleToAssume === undefined || inputs.state !== undefined) return base;
  const token = await githubIdToken(inputs.audience);
  const credentials = await assumeRoleWithWebIdentity({
    roleArn: inputs.roleToAssume,
    webIdentityToken: token,
    sessionName: inputs.roleSessionName,
    durationSeconds: inputs.roleDurationSeconds,
    audience: inputs.audience,
    ...(inputs.awsRegion !== undefined && { region: inputs.awsRegion }),
  });
  core.setSecret(credentials.accessKeyId);
  core.setSecret(credentials.secretAccessKey);
  if (credentials.sessionToken) core.setSecret(credentials.sessionToken);
  return { ...base, credentials };
}

function describeError(error: unknown): string {
  if (error instanceof InputError) return error.issues.map(formatIssue).join('\n');
  if (error instanceof AccountUnreadableError) return error.message;
  return error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
}

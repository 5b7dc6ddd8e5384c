/** The GitHub Action: inputs -> credentials -> pipeline -> annotations, summary, files, outputs. */
import { writeFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { breakingFindings, type Report } from '../findings.js';
import { runCheck } from '../pipeline.js';
import { renderJson } from '../report/json.js';
import { renderSarif } from '../report/sarif-text.js';
import { locatedInRepository } from '../report/locate.js';
import { publishToGitHub } from '../github/publish.js';
import type { Policy } from '../policy/types.js';
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
      core.setFailed(refusal);
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
    await publish(report, result.policy, inputs, remediation ? remediationMarkdown(remediation, inputs.redact) : '');
    if (result.evaluation.wrongAccount) {
      core.setFailed(`The credentials do not belong to account ${result.policy.account?.id ?? ''}: nothing else was checked.`);
      return;
    }
    if (remediation?.applied) core.info(`apply: ${remediation.applied.message}`);
    if (remediation?.writeFailed) core.setFailed(`apply: ${remediation.applied?.message ?? 'a write failed'}`);
    const breaking = breakingFindings(report.findings, inputs.failOn);
    if (breaking.length > 0) {
      core.setFailed(`${breaking.length} finding(s) at or above "${inputs.failOn}" severity failed or could not be checked.`);
    }
  } catch (error) {
    core.setFailed(describeError(error));
  } finally {
    deadline?.finish();
  }
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

async function publish(report: Report, policy: Policy, inputs: ActionInputs, remediationSummary = ''): Promise<void> {
  const located = locatedInRepository(report, policy);
  await publishToGitHub(located, {
    prComment: inputs.prComment,
    driftIssue: inputs.driftIssue,
    ...(inputs.githubToken !== undefined && { token: inputs.githubToken }),
    ...(remediationSummary !== '' && { summaryAppendix: remediationSummary }),
  });
  await writeFile(inputs.jsonFile, renderJson(report));
  core.setOutput('report', inputs.jsonFile);
  if (inputs.sarifFile !== undefined) {
    await writeFile(inputs.sarifFile, renderSarif(located, process.env.GITHUB_WORKSPACE));
    core.setOutput('sarif', inputs.sarifFile);
  }
  const breaking = breakingFindings(report.findings, inputs.failOn);
  core.setOutput('compliant', String(breaking.length === 0));
  core.setOutput('failed', String(report.summary.fail));
  core.setOutput('errors', String(report.summary.error));
}

function describeError(error: unknown): string {
  if (error instanceof InputError) return error.issues.map(formatIssue).join('\n');
  if (error instanceof AccountUnreadableError) return error.message;
  return error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
}

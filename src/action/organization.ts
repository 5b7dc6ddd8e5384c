/** The action's organization steps (discover -> matrix of shard checks -> merge), on top of the one-account flow. */
import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/types.js';
import type { AwsClientOptions } from '../state/aws-clients.js';
import { expandReportPatterns, type OrganizationInputs } from '../org/action-inputs.js';
import { renderOrgMarkdown } from '../org/cli-commands.js';
import { runIdFrom } from '../org/member-access.js';
import { mergeOrgReports } from '../org/merge.js';
import { discoverShardMatrix, runOrganizationCheck, type HubOptions } from '../org/org-check.js';
import { renderOrgReport, type OrgReport } from '../org/org-report.js';
import { renderShardMatrix } from '../org/shard.js';
import type { ActionInputs } from './inputs.js';
import { publishReport } from './publish.js';

function hubOptions(aws: AwsClientOptions): HubOptions {
  const { credentials, ...clientOptions } = aws;
  return { ...(credentials === undefined ? {} : { credentials }), clientOptions };
}

/** Runs the organization step the inputs ask for; false when this is a one-account run. */
export async function runOrganizationStep(inputs: ActionInputs, org: OrganizationInputs, aws: AwsClientOptions): Promise<boolean> {
  const { step } = org;
  if (step.kind === 'single') return false;
  if (step.kind === 'discover') {
    const policy = await loadPolicy(inputs.policy);
    const { matrix, notes } = await discoverShardMatrix(step.selection, policy, step.shards, hubOptions(aws));
    for (const note of notes) core.info(note);
    core.setOutput('matrix', renderShardMatrix(matrix));
    return true;
  }
  if (step.kind === 'merge') {
    const files = await expandReportPatterns(step.patterns);
    const report = mergeOrgReports(await Promise.all(files.map(async (file) => ({ file, text: await readFile(file, 'utf8') }))));
    await publishOrgReport(report, undefined, inputs);
    return true;
  }
  const policy = await loadPolicy(inputs.policy);
  const now = new Date();
  const result = await runOrganizationCheck({
    ...hubOptions(aws),
    policy,
    selection: step.selection,
    ...(step.shard === undefined ? {} : { shard: step.shard }),
    memberRoleName: org.memberRoleName,
    ...(org.externalId === undefined ? {} : { externalId: org.externalId }),
    runId: runIdFrom(process.env, now),
    concurrency: org.concurrency,
    accountTimeoutMs: inputs.timeoutSeconds * 1000,
    now,
    redact: inputs.redact,
    onAccountDone: (outcome) => {
      if (outcome.accessError !== undefined) core.warning(`account ${outcome.id} not reached: ${outcome.accessError}`);
    },
  });
  for (const secret of result.secrets) core.setSecret(secret);
  for (const note of result.notes) core.info(note);
  await publishOrgReport(result.report, policy, inputs);
  return true;
}

async function publishOrgReport(report: OrgReport, policy: Policy | undefined, inputs: ActionInputs): Promise<void> {
  const breaking = await publishReport(report, policy, inputs, {
    jsonText: renderOrgReport(report),
    summaryMarkdown: (located, summaryOptions) => renderOrgMarkdown({ ...report, findings: located.findings }, summaryOptions),
  });
  if (breaking.length > 0) {
    const findings = breaking.length === 1 ? '1 finding' : `${breaking.length} findings`;
    const accounts = report.accounts.length === 1 ? '1 account' : `${report.accounts.length} accounts`;
    core.setFailed(`${findings} at or above "${inputs.failOn}" severity failed or could not be checked, across ${accounts}.`);
  }
}

/** The action's organization steps (discover -> matrix of shard checks -> merge), on top of the one-account flow. */
import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { mergeOrgReports } from '../organization-run/merge-shards.js';
import { discoverShardMatrix, runOrganizationCheck } from '../organization-run/organization-check.js';
import { renderShardMatrix } from '../organization-run/shard.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/types.js';
import { renderOrgSummary } from '../report/matrix-summary.js';
import { renderJson } from '../report/json.js';
import type { OrgReport } from '../report/org-report.js';
import type { AwsConnection } from '../state/aws-clients.js';
import { runIdFrom } from '../state/member-access.js';
import type { ActionInputs } from './inputs.js';
import { registerSecrets } from '../github/publish.js';
import { expandReportPatterns } from './organization-inputs.js';
import { publishReport } from './publish-report.js';

/** Runs the organization step the inputs ask for; false when this is a one-account run. */
export async function runOrganizationStep(inputs: ActionInputs, aws: AwsConnection): Promise<boolean> {
  const org = inputs.organization;
  const { step } = org;
  if (step.kind === 'single') return false;
  if (step.kind === 'discover') {
    const policy = await loadPolicy(inputs.policy);
    const { matrix, notes } = await discoverShardMatrix(step.selection, policy, step.shards, { aws });
    for (const note of notes) core.info(note);
    core.setOutput('matrix', renderShardMatrix(matrix));
    return true;
  }
  if (step.kind === 'merge') {
    const files = await expandReportPatterns(step.patterns);
    const report = mergeOrgReports(
      await Promise.all(files.map(async (file) => ({ file, text: await readFile(file, 'utf8') }))),
    );
    await publishOrgReport(report, undefined, inputs);
    return true;
  }
  const policy = await loadPolicy(inputs.policy);
  const now = new Date();
  const result = await runOrganizationCheck({
    aws,
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
  registerSecrets(result.secrets);
  for (const note of result.notes) core.info(note);
  await publishOrgReport(result.report, policy, inputs);
  return true;
}

async function publishOrgReport(report: OrgReport, policy: Policy | undefined, inputs: ActionInputs): Promise<void> {
  const breaking = await publishReport(report, policy, inputs, {
    jsonText: renderJson(report),
    summaryMarkdown: (located, summaryOptions) =>
      renderOrgSummary({ ...report, findings: located.findings }, summaryOptions),
  });
  if (breaking.length > 0) {
    const findings = breaking.length === 1 ? '1 finding' : `${breaking.length} findings`;
    const accounts = report.accounts.length === 1 ? '1 account' : `${report.accounts.length} accounts`;
    core.setFailed(
      `${findings} at or above "${inputs.failOn}" severity failed or could not be checked, across ${accounts}.`,
    );
  }
}

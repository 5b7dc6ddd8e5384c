/** What every kind of action step leaves behind: GitHub annotations and summary, the report files, the outputs. */
import { writeFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { breakingFindings, type Finding, type Report } from '../findings.js';
import { publishToGitHub } from '../github/publish.js';
import type { Policy } from '../policy/types.js';
import { locatedInRepository } from '../report/locate.js';
import { renderSarif } from '../report/sarif.js';
import { renderSummary, type SummaryOptions } from '../report/summary.js';
import { PACKAGE_VERSION } from '../version.js';
import type { ActionInputs } from './inputs.js';
import { scrubCredentials } from '../state/credential-scrub.js';

export interface PublishOptions {
  /** The JSON report file's text (one account's report, or an organization's). */
  jsonText: string;
  /** Replaces the default job summary (renderSummary); give it the summary options. */
  summaryMarkdown?: (located: Report, summaryOptions: SummaryOptions) => string;
  /** Appended to the job summary. */
  summaryAppendix?: string;
}

/** Publishes the report; returns the findings that fail the step at the `fail-on` threshold. */
export async function publishReport(
  report: Report,
  policy: Policy | undefined,
  inputs: ActionInputs,
  options: PublishOptions,
): Promise<Finding[]> {
  const located = locatedInRepository(report, policy);
  // The headline says "Not compliant" on any failure; `compliant` follows fail-on: the summary explains a difference.
  const summaryOptions: SummaryOptions = { threshold: { failOn: inputs.failOn, runner: 'action' } };
  await publishToGitHub(located, {
    prComment: inputs.prComment,
    driftIssue: inputs.driftIssue,
    ...(inputs.githubToken !== undefined && { token: inputs.githubToken }),
    summaryMarkdown: (options.summaryMarkdown ?? renderSummary)(located, summaryOptions),
    ...(options.summaryAppendix !== undefined &&
      options.summaryAppendix !== '' && { summaryAppendix: options.summaryAppendix }),
  });
  await writeFile(inputs.jsonFile, scrubCredentials(options.jsonText));
  core.setOutput('report', inputs.jsonFile);
  if (inputs.sarifFile !== undefined) {
    const sarif = renderSarif(located, {
      toolVersion: PACKAGE_VERSION,
      ...(process.env.GITHUB_WORKSPACE !== undefined && { repositoryRoot: process.env.GITHUB_WORKSPACE }),
    });
    await writeFile(inputs.sarifFile, scrubCredentials(sarif));
    core.setOutput('sarif', inputs.sarifFile);
  }
  const breaking = breakingFindings(report.findings, inputs.failOn);
  core.setOutput('compliant', String(breaking.length === 0));
  core.setOutput('failed', String(report.summary.fail));
  core.setOutput('errors', String(report.summary.error));
  return breaking;
}

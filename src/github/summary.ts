/** Writes the job summary (GITHUB_STEP_SUMMARY) through core.summary. */
import * as core from '@actions/core';

/** Appends `markdown` to the job summary; returns false (with a debug line) when the runner gives no summary file. */
export async function writeJobSummary(markdown: string): Promise<boolean> {
  if (!process.env['GITHUB_STEP_SUMMARY']) {
    core.debug('GITHUB_STEP_SUMMARY is not set: no job summary written.');
    return false;
  }
  await core.summary.addRaw(markdown, true).write();
  core.summary.emptyBuffer();
  return true;
}

/** Writes the job summary (GITHUB_STEP_SUMMARY) through core.summary, within GitHub's size limit. */
import * as core from '@actions/core';

/** GitHub refuses a step's summary beyond 1 MiB; the margin leaves room for what core adds. */
export const JOB_SUMMARY_MAX_BYTES = 1024 * 1024 - 4096;

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

const CUT_NOTE =
  "\n\n> … cut here to stay under GitHub's 1 MiB job summary limit: " +
  'every finding is in the JSON report (the `report` output) and the SARIF file.\n';

/**
 * `markdown` cut at a line boundary so that it and the note fit `maxBytes`. The last line of defence: the summary
 * is rendered within a row budget already (renderSummaryWithin); this catches anything else that grew.
 */
export function capMarkdown(markdown: string, maxBytes: number = JOB_SUMMARY_MAX_BYTES): string {
  if (utf8Bytes(markdown) <= maxBytes) return markdown;
  const room = maxBytes - utf8Bytes(CUT_NOTE);
  // Characters are at most 4 bytes: start from a cut that surely fits in characters, then find a line end.
  let cut = Math.min(markdown.length, room);
  while (cut > 0 && utf8Bytes(markdown.slice(0, cut)) > room) cut = Math.floor(cut * 0.9);
  const lineEnd = markdown.lastIndexOf('\n', cut);
  return markdown.slice(0, Math.max(lineEnd, 0)) + CUT_NOTE;
}

/** Appends `markdown` to the job summary; returns false (with a debug line) when the runner gives no summary file. */
export async function writeJobSummary(markdown: string): Promise<boolean> {
  if (!process.env['GITHUB_STEP_SUMMARY']) {
    core.debug('GITHUB_STEP_SUMMARY is not set: no job summary written.');
    return false;
  }
  await core.summary.addRaw(capMarkdown(markdown), true).write();
  core.summary.emptyBuffer();
  return true;
}

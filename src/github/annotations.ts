/**
 * Emits annotations as workflow commands through @actions/core. core escapes the message (`%`, CR, LF) and the
 * properties (also `:` and `,`), so a finding's text cannot end the command or start another one.
 */
import * as core from '@actions/core';
import type { Annotation } from '../report/annotations.js';

/** The part of @actions/core this needs (tests may pass their own). */
export type AnnotationSink = Pick<typeof core, 'error' | 'warning' | 'notice'>;

export function emitAnnotations(annotations: readonly Annotation[], sink: AnnotationSink = core): void {
  for (const annotation of annotations) {
    const properties: core.AnnotationProperties = {
      title: annotation.title,
      file: annotation.file,
      startLine: annotation.startLine,
      startColumn: annotation.startColumn,
    };
    sink[annotation.level](annotation.message, properties);
  }
}

/** Report warnings (unused waivers and the like) as plain warning annotations. */
export function emitWarnings(warnings: readonly string[], sink: AnnotationSink = core): void {
  for (const warning of warnings) sink.warning(warning, { title: 'aws-account-baseline' });
}

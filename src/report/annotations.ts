/** STUB interface (reporting work): one annotation per failing or erroring finding. */
import type { Report } from '../findings.js';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  title: string;
  message: string;
  file: string;
  startLine: number;
  startColumn: number;
}

export function buildAnnotations(_report: Report): Annotation[] {
  return [];
}

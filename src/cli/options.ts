/** Command-line options shared by the commands; parsing errors are UsageErrors (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SEVERITIES, type FailOn } from '../findings.js';
import { REDACT_MODES, type RedactMode } from '../report/redact.js';
import { UsageError } from '../errors.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export const COMMON_OPTIONS = {
  policy: { type: 'string' },
  state: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  'fail-on': { type: 'string' },
  region: { type: 'string' },
  redact: { type: 'string' },
  'no-color': { type: 'boolean' },
  'credential-report-max-age-hours': { type: 'string' },
  'timeout-seconds': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

export function parseCommandArgs(
  args: string[],
  options: OptionSpec,
  allowPositionals = false,
): { values: ParsedValues; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals });
    return { values: parsed.values as ParsedValues, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function stringOption(values: ParsedValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredString(values: ParsedValues, name: string): string {
  const value = stringOption(values, name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  name: string,
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}

export function failOnOption(values: ParsedValues): FailOn {
  return oneOf<FailOn>(stringOption(values, 'fail-on'), [...SEVERITIES, 'none'], 'fail-on', 'low');
}

/** The CLI's `--redact`: only the documented modes. */
export function redactOption(value: string | undefined): RedactMode {
  return oneOf<RedactMode>(value, REDACT_MODES, 'redact', 'contacts');
}

/** The action's `redact` input, documented as `true` (contacts) or `false` (off), also takes the CLI's modes. */
export function redactInputOption(value: string | undefined): RedactMode {
  if (value === 'true') return 'contacts';
  if (value === 'false') return 'off';
  return redactOption(value);
}

export function positiveNumber(values: ParsedValues, name: string): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${name} must be a positive number (got "${raw}")`);
  return value;
}

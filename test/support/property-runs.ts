/**
 * Cases per property test: 1,000 by default (npm test), more through AAB_PROPERTY_RUNS (npm run test:deep runs
 * 10,000, and so does CI). A value that is not a positive integer stops the run rather than testing less.
 */
function propertyRunsFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1000;
  const runs = Number(raw);
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new Error(`AAB_PROPERTY_RUNS must be a positive integer, not "${raw}"`);
  return runs;
}

export const PROPERTY_RUNS = propertyRunsFromEnv(process.env['AAB_PROPERTY_RUNS']);

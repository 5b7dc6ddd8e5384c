export function activeHandles(only?: (kind: string) => boolean): Record<string, number>;
export function handlesLeftOpen(
  baseline: Record<string, number>,
  options?: { waitMs?: number; only?: (kind: string) => boolean },
): Promise<Record<string, number>>;

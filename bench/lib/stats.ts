/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Milliseconds since `start` (a `performance.now()` reading). */
export const since = (start: number) => performance.now() - start;

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/**
 * The spread of a ratio measured in interleaved pairs (a[i] and b[i] taken side by side): the
 * interquartile range of a[i]/b[i], as `p25–p75`.
 */
export function spread(a: readonly number[], b: readonly number[]): string {
  const ratios = a.map((x, i) => x / b[i]!);
  return `p25–p75 ${percentile(ratios, 25).toFixed(2)}–${percentile(ratios, 75).toFixed(2)}×`;
}

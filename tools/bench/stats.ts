// Percentiles of one run's samples and medians over rounds.

/** The nearest-rank percentile (p in 0..1) of the samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** The median of each position over equally long lists (per-instance figures over rounds). */
export function medianEach(lists: readonly (readonly number[])[]): number[] {
  const n = lists[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => median(lists.map((l) => l[i]!)));
}

/** A closed-loop load generator: `concurrency` clients each send their next request when the last answered. */
export interface LoadResult {
  readonly requests: number;
  readonly failures: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
}

export async function runClosedLoop(
  total: number,
  concurrency: number,
  send: (index: number) => Promise<boolean>,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let failures = 0;
  let next = 0;
  const started = process.hrtime.bigint();
  const client = async () => {
    while (next < total) {
      const index = next++;
      const t0 = process.hrtime.bigint();
      const ok = await send(index);
      latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (!ok) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { requests: total, failures, seconds, latenciesMs };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export interface Figures {
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly requestsPerSecond: number;
  readonly failures: number;
}

export function figuresOf(result: LoadResult): Figures {
  return {
    medianMs: percentile(result.latenciesMs, 50),
    p99Ms: percentile(result.latenciesMs, 99),
    requestsPerSecond: result.requests / result.seconds,
    failures: result.failures,
  };
}

/** Timing and percentiles for the benchmarks. All times are milliseconds (floats). */

/** A monotonic clock reading in nanoseconds. */
export const now = (): bigint => process.hrtime.bigint();

/** Milliseconds elapsed since `start` (a `now()` reading). */
export const msSince = (start: bigint): number => Number(now() - start) / 1e6;

/**
 * The p-th percentile (0 ≤ p ≤ 100) of an ascending-sorted sample, by linear
 * interpolation between the two closest ranks (Hyndman & Fan type 7, the default of
 * NumPy and R). With 2,000 samples p99 sits between the 1,980th and 1,981st values;
 * with 200 samples between the 198th and 199th.
 */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  if (p <= 0) return sorted[0];
  if (p >= 100) return sorted[sorted.length - 1];
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, min: s[0], p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s[s.length - 1], mean };
}

/** Run `fn` `n` times one after another; the latency of each call in ms. */
export async function timeEach(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = now();
    await fn(i);
    out[i] = msSince(t);
  }
  return out;
}

/** Run `tasks` jobs with at most `concurrency` in flight; per-job latency (ms, by job index) and wall time. */
export async function pool(
  tasks: number,
  concurrency: number,
  fn: (i: number) => Promise<unknown>,
  onDone?: (done: number) => void,
): Promise<{ wallMs: number; latencies: number[] }> {
  const latencies = new Array<number>(tasks);
  let next = 0;
  let done = 0;
  const start = now();
  const worker = async () => {
    while (next < tasks) {
      const i = next++;
      const t = now();
      await fn(i);
      latencies[i] = msSince(t);
      onDone?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks) }, worker));
  return { wallMs: msSince(start), latencies };
}

// ---- formatting ---------------------------------------------------------------

/** A number with thousands separators and a sensible number of digits. */
export function fmt(v: number, digits?: number): string {
  if (!Number.isFinite(v)) return '—';
  const d = digits ?? (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : Math.abs(v) >= 1 ? 2 : 3);
  return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

export const fmtMs = (ms: number) => `${fmt(ms)} ms`;

/** A ratio like `12.3×`. */
export const fmtRatio = (r: number) => (Number.isFinite(r) ? `${fmt(r, r >= 100 ? 0 : r >= 10 ? 1 : 2)}×` : '—');

/** A markdown table, padded and aligned the way `biome format` writes one (so `npm run lint` stays clean). */
export function table(header: string[], rows: string[][], align?: Array<'l' | 'r'>): string {
  const a = align ?? header.map((_, i) => (i === 0 ? 'l' : 'r'));
  const len = (s: string) => [...s].length;
  const widths = header.map((h, i) => Math.max(3, len(h), ...rows.map((r) => len(r[i] ?? ''))));
  const pad = (s: string, i: number) => (a[i] === 'l' ? s + ' '.repeat(widths[i] - len(s)) : ' '.repeat(widths[i] - len(s)) + s);
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (a[i] === 'l' ? `:${'-'.repeat(w - 1)}` : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

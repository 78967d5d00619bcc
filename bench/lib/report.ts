/**
 * One table format for every benchmark: each row is a measurement, and its ratio is taken against the
 * baseline row measured in the same run (so machine speed cancels out).
 */
export interface Row {
  /** What was measured, e.g. `GET /v5/boards (mock)`. */
  name: string;
  /** The figure, in `unit`. */
  value: number;
  /** e.g. `req/s`, `ops/s`, `ms`, `KB gzip`. */
  unit: string;
  /** Name of the row this one is compared to; the baseline itself leaves it out. */
  baseline?: string;
  /** Higher is better (throughput) unless false (latency, size). */
  higherIsBetter?: boolean;
  note?: string;
}

export function printTable(title: string, rows: Row[]): void {
  const byName = new Map(rows.map((row) => [row.name, row]));
  const lines = rows.map((row) => {
    const base = row.baseline ? byName.get(row.baseline) : undefined;
    const ratio =
      base && base.value !== 0 ? `${(row.value / base.value).toFixed(2)}× ${row.baseline}` : 'baseline';
    return [row.name, formatNumber(row.value), row.unit, ratio, row.note ?? ''];
  });
  const header = ['measurement', 'value', 'unit', 'ratio', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  process.stdout.write(`\n## ${title}\n\n${format(header)}\n${format(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const line of lines) process.stdout.write(`${format(line)}\n`);
}

function formatNumber(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(2);
}

/** Runs `fn` repeatedly for `ms` milliseconds (after a short warm-up) and returns operations per second. */
export async function opsPerSecond(fn: () => Promise<unknown> | unknown, ms = 2000): Promise<number> {
  const warmUntil = performance.now() + Math.min(300, ms / 5);
  while (performance.now() < warmUntil) await fn();
  let count = 0;
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    await fn();
    count++;
  }
  return (count * 1000) / (performance.now() - start);
}

/** The p-th percentile (0–100) of a list of samples. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/**
 * `analytics`: the account's daily metrics over the last N days (`GET /user_account/analytics`) as a table
 * with a sparkline per metric; `--top-pins`: the best Pins of the period
 * (`GET /user_account/analytics/top_pins`), sorted by the first metric.
 */
import type { PinterestClient, PinterestOperations } from '@kit/auth-core';
import { sparkline, table } from './text-charts.js';

export interface AnalyticsIo {
  out(text: string): void;
  json: boolean;
}

type Query<Id extends keyof PinterestOperations> = NonNullable<
  PinterestOperations[Id]['parameters']['query']
>;
/** A metric name of the analytics operations, as the spec lists them. */
type Metric = NonNullable<Query<'user_account/analytics'>['metric_types']>[number];
/** What top Pins can be sorted by, as the spec lists it. */
type SortBy = Query<'user_account/analytics/top_pins'>['sort_by'];

const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The last `days` days, today (UTC, Pinterest's calendar) included. */
export function dateRange(days: number, now = Date.now()): { start_date: string; end_date: string } {
  return { start_date: isoDay(now - (days - 1) * DAY_MS), end_date: isoDay(now) };
}

/** One metric over the period. */
export interface MetricSeries {
  total: number;
  daily: { date: string; value: number }[];
}

export async function analytics(
  client: PinterestClient,
  options: { days: number; metrics: string[] },
  io: AnalyticsIo,
): Promise<number> {
  const range = dateRange(options.days);
  const answer = await client.get('/user_account/analytics', {
    // `--metrics` names are only shape-checked here: Pinterest checks them against the spec's list and answers
    // 400 naming an unknown one. (The client sends the list as one comma-separated value, as the spec says.)
    query: { ...range, metric_types: options.metrics as Metric[] },
  });
  const all = (answer as Record<string, { daily_metrics?: unknown; summary_metrics?: unknown }>).all;
  const days = (all?.daily_metrics ?? []) as { date?: string; metrics?: Record<string, number> | null }[];
  const summary = (all?.summary_metrics ?? {}) as Record<string, number>;
  const series: Record<string, MetricSeries> = {};
  for (const metric of options.metrics) {
    const daily = days.map((day) => ({ date: day.date ?? '', value: day.metrics?.[metric] ?? 0 }));
    series[metric] = { total: summary[metric] ?? daily.reduce((sum, d) => sum + d.value, 0), daily };
  }
  if (io.json) {
    io.out(`${JSON.stringify({ ...range, metrics: series }, null, 2)}\n`);
    return 0;
  }
  io.out(`Your account, ${range.start_date} to ${range.end_date} (${options.days} days)\n\n`);
  const rows = Object.entries(series).map(([metric, { total, daily }]) => {
    const best = daily.reduce(
      (top, d) => (d.value > top.value ? d : top),
      daily[0] ?? { date: '-', value: 0 },
    );
    return [
      metric,
      total,
      Math.round(total / Math.max(1, daily.length)),
      best.date,
      sparkline(daily.map((d) => d.value)),
    ];
  });
  io.out(table(['Metric', 'Total', 'Per day', 'Best day', 'Daily'], rows));
  return 0;
}

export async function topPins(
  client: PinterestClient,
  options: { days: number; metrics: string[]; limit?: number },
  io: AnalyticsIo,
): Promise<number> {
  const range = dateRange(options.days);
  const sortBy = options.metrics[0] ?? 'IMPRESSION';
  const answer = await client.get('/user_account/analytics/top_pins', {
    query: {
      ...range,
      // Checked by Pinterest, as above.
      sort_by: sortBy as SortBy,
      num_of_pins: Math.min(50, options.limit ?? 10),
      metric_types: options.metrics as Metric[],
    },
  });
  const pins = ((answer as { pins?: unknown }).pins ?? []) as {
    pin_id?: string;
    metrics?: Record<string, number>;
  }[];
  if (io.json) {
    io.out(`${JSON.stringify({ ...range, sort_by: sortBy, pins }, null, 2)}\n`);
    return 0;
  }
  io.out(`Top Pins by ${sortBy}, ${range.start_date} to ${range.end_date}\n\n`);
  io.out(
    table(
      ['#', 'Pin', ...options.metrics],
      pins.map((pin, i) => [
        String(i + 1),
        pin.pin_id ?? '',
        ...options.metrics.map((m) => pin.metrics?.[m] ?? 0),
      ]),
    ),
  );
  return 0;
}

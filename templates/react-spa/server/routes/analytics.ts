/**
 * `GET /api/analytics`: the signed-in account's daily metrics (`GET /user_account/analytics`, needs
 * `user_accounts:read`, which the login has) for the last 7, 30 or 90 days (`?days=`), or for a range
 * (`?from=YYYY-MM-DD&to=YYYY-MM-DD`) within Pinterest's rules: the start at most 90 days back from today (UTC),
 * the end not after today, at most 90 days after the start.
 */
import type { PinterestAuth } from '@kit/auth-core';
import type { FastifyPluginAsync } from 'fastify';

/** The metrics shown, in this order. */
export const METRICS = ['IMPRESSION', 'SAVE', 'PIN_CLICK', 'OUTBOUND_CLICK'] as const;
export type Metric = (typeof METRICS)[number];

/** `GET /api/analytics`. */
export interface AnalyticsView {
  start: string;
  end: string;
  metrics: Metric[];
  /** One entry a day, oldest first; a day Pinterest has no number for yet is 0. */
  days: Array<{ date: string; values: Record<Metric, number> }>;
  totals: Record<Metric, number>;
}

const DAY_MS = 86_400_000;
const MAX_DAYS_BACK = 90;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

/** The range asked for, or a sentence saying what is wrong with it. */
export function analyticsRange(
  query: { days?: number; from?: string; to?: string },
  now: number,
): { start: string; end: string } | { problem: string } {
  const today = isoDay(now);
  if (query.from === undefined && query.to === undefined) {
    const days = query.days ?? 30;
    return { start: isoDay(now - (days - 1) * DAY_MS), end: today };
  }
  if (query.from === undefined || query.to === undefined)
    return { problem: 'Give both from and to (YYYY-MM-DD), or days=7, 30 or 90.' };
  const from = Date.parse(`${query.from}T00:00:00Z`);
  const to = Date.parse(`${query.to}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to) || isoDay(from) !== query.from || isoDay(to) !== query.to)
    return { problem: 'from and to must be real dates written YYYY-MM-DD.' };
  const earliest = Date.parse(`${today}T00:00:00Z`) - MAX_DAYS_BACK * DAY_MS;
  if (from < earliest)
    return { problem: `Pinterest keeps 90 days of analytics: pick a start on or after ${isoDay(earliest)}.` };
  if (query.to > today) return { problem: `The end cannot be after today (${today}, UTC).` };
  if (from > to) return { problem: 'The start must be on or before the end.' };
  return { start: query.from, end: query.to };
}

const analyticsRoutes: FastifyPluginAsync<{ auth: PinterestAuth; now: () => number }> = async (
  app,
  { auth, now },
) => {
  app.get(
    '/analytics',
    {
      preHandler: app.requireSession,
      schema: {
        querystring: {
          type: 'object',
          properties: { days: { type: 'integer', enum: [7, 30, 90] }, from: date, to: date },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const range = analyticsRange(request.query as { days?: number; from?: string; to?: string }, now());
      if ('problem' in range)
        return reply.code(400).send({ error: 'invalid_request', message: range.problem });
      const answer = await auth.client(request.session?.accountKey as string).get('/user_account/analytics', {
        query: { start_date: range.start, end_date: range.end, metric_types: [...METRICS] },
      });
      const all = (answer as Record<string, { daily_metrics?: unknown; summary_metrics?: unknown }>).all;
      const daily = (all?.daily_metrics ?? []) as Array<{
        date?: string;
        metrics?: Record<string, unknown> | null;
      }>;
      const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
      const days = daily.map((day) => ({
        date: String(day.date ?? ''),
        values: Object.fromEntries(METRICS.map((m) => [m, count(day.metrics?.[m])])) as Record<
          Metric,
          number
        >,
      }));
      const totals = Object.fromEntries(
        METRICS.map((m) => [m, days.reduce((sum, day) => sum + day.values[m], 0)]),
      ) as Record<Metric, number>;
      return {
        start: range.start,
        end: range.end,
        metrics: [...METRICS],
        days,
        totals,
      } satisfies AnalyticsView;
    },
  );
};

export default analyticsRoutes;

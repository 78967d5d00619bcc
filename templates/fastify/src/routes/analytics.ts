/**
 * `GET /analytics`: the signed-in account's daily metrics for the last 30 days (`GET /user_account/analytics`,
 * needs `user_accounts:read`, which the login has), drawn by the analytics page.
 */
import type { PinterestAuth } from '@kit/auth-core';
import type { FastifyPluginAsync } from 'fastify';
import { signedIn } from '../plugins/session.js';
import { analyticsPage, type MetricSeries } from '../views/analytics-page.js';

/** The metrics shown, in this order. */
export const METRICS = ['IMPRESSION', 'SAVE', 'PIN_CLICK', 'OUTBOUND_CLICK'] as const;
/** How many days back, today included. */
export const DAYS = 30;

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

const analyticsPlugin: FastifyPluginAsync<{ auth: PinterestAuth; now?: () => number }> = async (
  app,
  options,
) => {
  const now = options.now ?? Date.now;
  app.get('/analytics', async (request, reply) => {
    const end = isoDay(now());
    const start = isoDay(now() - (DAYS - 1) * 86_400_000);
    const answer = await options.auth
      .client(signedIn(request)?.accountKey as string)
      .get('/user_account/analytics', {
        query: { start_date: start, end_date: end, metric_types: [...METRICS] },
      });
    const all = (answer as Record<string, { daily_metrics?: unknown; summary_metrics?: unknown }>).all;
    const days = (all?.daily_metrics ?? []) as { date?: string; metrics?: Record<string, number> | null }[];
    const summary = (all?.summary_metrics ?? {}) as Record<string, number>;
    const series: MetricSeries[] = METRICS.map((metric) => {
      const daily = days.map((d) => ({ date: d.date ?? '', value: d.metrics?.[metric] ?? 0 }));
      return { metric, daily, total: summary[metric] ?? daily.reduce((sum, d) => sum + d.value, 0) };
    });
    return reply.page((ctx) => analyticsPage(ctx, { start, end }, series));
  });
};

export default analyticsPlugin;

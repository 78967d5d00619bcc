/**
 * Organic analytics from the seeded series: the account's daily metrics (`/user_account/analytics`), its top
 * Pins and top video Pins, one Pin's metrics. Date ranges follow Pinterest's rules; summaries are the sums
 * of the days.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  checkDateRange,
  dailyCounts,
  dataStatusOf,
  daysBetween,
  isoDay,
  only,
  sumCounts,
  withDerived,
} from '../analytics-series.js';
import { sendError } from '../errors.js';
import type { PinJson } from '../store.js';
import { type ApiContext, operationRoute, storeOf, tokenOf } from './api-guard.js';
import { readablePin } from './board-access.js';

interface RangeQuery {
  start_date: string;
  end_date: string;
  metric_types?: string[];
}

/** An account's series is ~100× a Pin's. */
const ACCOUNT_SCALE = 1;
const PIN_SCALE = 0.02;

function series(
  subject: string,
  query: RangeQuery,
  now: number,
  scale: number,
  video = false,
  from?: string,
) {
  const days = daysBetween(query.start_date, query.end_date);
  const counted = days.map((day) => (from && day < from ? {} : dailyCounts(subject, day, scale, video)));
  const daily = days.map((day, i) => ({
    date: day,
    data_status: from && day < from ? 'BEFORE_PIN_CREATED' : dataStatusOf(day, now),
    metrics: only(withDerived(counted[i] ?? {}), query.metric_types),
  }));
  return { daily_metrics: daily, summary_metrics: only(withDerived(sumCounts(counted)), query.metric_types) };
}

export async function analyticsRoutes(app: FastifyInstance, context: ApiContext): Promise<void> {
  const { state } = context;
  const badRange = (reply: FastifyReply, query: RangeQuery) => {
    const problem = checkDateRange(query.start_date, query.end_date, state.now());
    if (problem) sendError(reply, 400, 1, problem);
    return problem !== undefined;
  };

  app.route<{ Querystring: RangeQuery }>({
    ...operationRoute('user_account/analytics'),
    handler: async (request, reply) => {
      if (badRange(reply, request.query)) return reply;
      const { userId } = tokenOf(request);
      return reply.send({ all: series(`user:${userId}`, request.query, state.now(), ACCOUNT_SCALE) });
    },
  });

  /** Every Pin of the caller with its totals over the range, best first by `sort_by`. */
  const topPins = (
    userId: string,
    query: RangeQuery & { sort_by: string; num_of_pins?: number },
    videoOnly: boolean,
  ) => {
    const data = storeOf(context);
    const pins: PinJson[] = [];
    for (const boardId of data.users.get(userId)?.boardIds ?? []) {
      for (const pinId of data.boards.get(boardId)?.pinIds ?? []) {
        const pin = data.pins.get(pinId)?.json;
        if (pin && (!videoOnly || pin.media.media_type === 'video')) pins.push(pin);
      }
    }
    const days = daysBetween(query.start_date, query.end_date);
    const ranked = pins.map((pin) => {
      const totals = withDerived(
        sumCounts(days.map((day) => dailyCounts(`pin:${pin.id}`, day, PIN_SCALE, videoOnly))),
      );
      return { pin_id: pin.id, totals };
    });
    ranked.sort(
      (a, b) =>
        (b.totals[query.sort_by] ?? 0) - (a.totals[query.sort_by] ?? 0) || (a.pin_id < b.pin_id ? -1 : 1),
    );
    return {
      date_availability: {
        is_realtime: false,
        latest_available_timestamp: Date.parse(`${isoDay(state.now())}T00:00:00Z`) - 1,
      },
      pins: ranked.slice(0, query.num_of_pins ?? 10).map(({ pin_id, totals }) => {
        const metrics = only(totals, query.metric_types);
        return {
          pin_id,
          metrics,
          data_status: Object.fromEntries(Object.keys(metrics).map((metric) => [metric, 'READY'])),
        };
      }),
      sort_by: query.sort_by,
    };
  };

  app.route<{ Querystring: RangeQuery & { sort_by: string; num_of_pins?: number } }>({
    ...operationRoute('user_account/analytics/top_pins'),
    handler: async (request, reply) => {
      if (badRange(reply, request.query)) return reply;
      return reply.send(topPins(tokenOf(request).userId, request.query, false));
    },
  });

  app.route<{ Querystring: RangeQuery & { sort_by: string; num_of_pins?: number } }>({
    ...operationRoute('user_account/analytics/top_video_pins'),
    handler: async (request, reply) => {
      if (badRange(reply, request.query)) return reply;
      return reply.send(topPins(tokenOf(request).userId, request.query, true));
    },
  });

  app.route<{ Params: { pin_id: string }; Querystring: RangeQuery }>({
    ...operationRoute('pins/analytics'),
    handler: async (request, reply) => {
      if (badRange(reply, request.query)) return reply;
      const pin = readablePin(storeOf(context), request, reply, request.params.pin_id);
      if (!pin) return reply;
      const created = pin.json.created_at.slice(0, 10);
      const video = pin.json.media.media_type === 'video';
      const body = series(`pin:${pin.json.id}`, request.query, state.now(), PIN_SCALE, video, created);
      return reply.send({ all: { ...body, lifetime_metrics: { TOTAL_COMMENTS: 0, TOTAL_REACTIONS: 0 } } });
    },
  });
}

/**
 * Ads: the caller's ad accounts (list, get, create), their campaigns, ad groups and ads (list, get, create,
 * update in batches as Pinterest takes them), and their analytics: ads carry the seeded series, every level
 * above sums the ads below it (`ads-metrics.ts`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AdEntityKind, AdLevel } from '../ads-data.js';
import {
  adsMetricRows,
  adsTargetingRows,
  checkAdsRange,
  type Granularity,
  lastDayWithData,
} from '../ads-metrics.js';
import { sendError } from '../errors.js';
import { operationById } from '../spec/operations.js';
import { type ApiContext, operationRoute, storeOf, tokenOf } from './api-guard.js';
import { buildPage, type ListQuery, readPaging, sendPage } from './paging.js';

type Json = Record<string, unknown>;

interface AccountParams {
  ad_account_id: string;
}

/** The operations and the id parameter of one kind of ads entity. */
const KINDS: { kind: AdEntityKind; prefix: string; idParam: string; idsQuery: string }[] = [
  { kind: 'campaign', prefix: 'campaigns', idParam: 'campaign_id', idsQuery: 'campaign_ids' },
  { kind: 'ad_group', prefix: 'ad_groups', idParam: 'ad_group_id', idsQuery: 'ad_group_ids' },
  { kind: 'ad', prefix: 'ads', idParam: 'ad_id', idsQuery: 'ad_ids' },
];

/**
 * One element of a batch answer, shaped like the spec's for that operation: campaigns list `exceptions`
 * as an array, ads as one object.
 */
function batchItem(
  operationId: string,
  data: Json | undefined,
  problem?: { code: number; message: string },
): Json {
  // The create answer always shows `exceptions`; update answers share its item shape.
  const createId = operationId.replace(/\/update$/, '/create');
  const shape = (operationById(createId).answer as { items?: Json[] } | undefined)?.items?.[0] ?? {};
  const listed = Array.isArray(shape.exceptions);
  if (!problem) return listed ? { data, exceptions: [] } : { data };
  return { exceptions: listed ? [problem] : problem };
}

interface AnalyticsQuery {
  start_date: string;
  end_date: string;
  columns: string[];
  granularity: Granularity;
  aggregate_report_rows?: boolean;
  campaign_ids?: string[];
  ad_group_ids?: string[];
  ad_ids?: string[];
  pin_ids?: string[];
  targeting_types?: string[];
}

/**
 * The analytics operations: an ad account's, and its campaigns', ad groups' and ads' (by id), each also
 * broken down by targeting (`targeting: true`).
 */
const ANALYTICS: {
  operationId: string;
  level: AdLevel;
  idsQuery?: keyof AnalyticsQuery;
  targeting?: true;
}[] = [
  { operationId: 'ad_account/analytics', level: 'ad_account' },
  { operationId: 'campaigns/analytics', level: 'campaign', idsQuery: 'campaign_ids' },
  { operationId: 'ad_groups/analytics', level: 'ad_group', idsQuery: 'ad_group_ids' },
  { operationId: 'ads/analytics', level: 'ad', idsQuery: 'ad_ids' },
  { operationId: 'ad_account_targeting_analytics/get', level: 'ad_account', targeting: true },
  {
    operationId: 'campaign_targeting_analytics/get',
    level: 'campaign',
    idsQuery: 'campaign_ids',
    targeting: true,
  },
  {
    operationId: 'ad_groups_targeting_analytics/get',
    level: 'ad_group',
    idsQuery: 'ad_group_ids',
    targeting: true,
  },
  { operationId: 'ad_targeting_analytics/get', level: 'ad', idsQuery: 'ad_ids', targeting: true },
];

export async function adsRoutes(app: FastifyInstance, context: ApiContext): Promise<void> {
  const { state } = context;
  const ads = () => storeOf(context).ads;

  /** The caller's own ad account, or an error already sent (404 unknown, 403 code 29 someone else's). */
  const ownAccount = (request: FastifyRequest, reply: FastifyReply, id: string) => {
    const account = ads().accounts.get(id);
    if (!account) {
      sendError(reply, 404, 404, `Ad account not found: ${id}.`);
      return undefined;
    }
    if (account.ownerId !== tokenOf(request).userId) {
      sendError(
        reply,
        403,
        29,
        'You are not permitted to access that resource. This ad account is not yours.',
      );
      return undefined;
    }
    return account;
  };

  app.route<{ Querystring: ListQuery }>({
    ...operationRoute('ad_accounts/list'),
    handler: async (request, reply) => {
      const { userId } = tokenOf(request);
      const list = `ad-accounts:${userId}`;
      const paging = readPaging(list, request.query);
      if ('error' in paging) return sendError(reply, 400, 1, paging.error);
      const mine = [...ads().accounts.values()].filter((a) => a.ownerId === userId).map((a) => a.json);
      return sendPage(reply, buildPage(list, mine, paging.offset, paging.pageSize));
    },
  });

  app.route<{ Params: AccountParams }>({
    ...operationRoute('ad_accounts/get'),
    handler: async (request, reply) => {
      const account = ownAccount(request, reply, request.params.ad_account_id);
      if (!account) return reply;
      return reply.send(account.json);
    },
  });

  app.route<{ Body: { name: string; country: string; owner_user_id: string } }>({
    ...operationRoute('ad_accounts/create'),
    handler: async (request, reply) => {
      const { userId } = tokenOf(request);
      const user = state.findUser(userId);
      if (!user) return sendError(reply, 404, 30, 'User not found.');
      const { name, country } = request.body;
      return reply.send(ads().addAccount(user, { name, country }, state.now()));
    },
  });

  /**
   * The entities an analytics request names, in the order given, without duplicates; ids of another ad
   * account or of nothing are left out (they have no rows). Ads come by `ad_ids`, or by `campaign_ids` and
   * `pin_ids` together, as the spec requires.
   */
  const entityIds = (
    accountId: string,
    level: AdLevel,
    query: AnalyticsQuery,
    idsQuery: keyof AnalyticsQuery | undefined,
  ): string[] | { error: string } => {
    if (level === 'ad_account') return [accountId];
    const inAccount = (id: string) =>
      ads().entities[level as AdEntityKind].get(id)?.ad_account_id === accountId;
    if (level === 'ad' && !query.ad_ids) {
      if (!query.campaign_ids || !query.pin_ids) {
        return { error: 'Invalid parameter: send ad_ids, or both campaign_ids and pin_ids.' };
      }
      const campaigns = new Set(query.campaign_ids);
      const pins = new Set(query.pin_ids);
      return ads()
        .listOf('ad', accountId)
        .filter((ad) => campaigns.has(String(ad.campaign_id)) && pins.has(String(ad.pin_id)))
        .map((ad) => String(ad.id))
        .reverse();
    }
    const wanted = (idsQuery ? (query[idsQuery] as string[] | undefined) : undefined) ?? [];
    return [...new Set(wanted)].filter(inAccount);
  };

  for (const { kind, prefix, idParam, idsQuery } of KINDS) {
    app.route<{ Params: AccountParams; Querystring: ListQuery & Record<string, unknown> }>({
      ...operationRoute(`${prefix}/list`),
      handler: async (request, reply) => {
        const account = ownAccount(request, reply, request.params.ad_account_id);
        if (!account) return reply;
        const list = `${prefix}:${request.params.ad_account_id}`;
        const paging = readPaging(list, request.query);
        if ('error' in paging) return sendError(reply, 400, 1, paging.error);
        const ids = request.query[idsQuery] as string[] | undefined;
        const items = ads()
          .listOf(kind, request.params.ad_account_id)
          .filter((json) => !ids || ids.includes(json.id as string));
        return sendPage(reply, buildPage(list, items, paging.offset, paging.pageSize));
      },
    });

    app.route<{ Params: AccountParams & Record<string, string> }>({
      ...operationRoute(`${prefix}/get`),
      handler: async (request, reply) => {
        const account = ownAccount(request, reply, request.params.ad_account_id);
        if (!account) return reply;
        const json = ads().entities[kind].get(request.params[idParam] ?? '');
        if (!json || json.ad_account_id !== request.params.ad_account_id) {
          return sendError(
            reply,
            404,
            404,
            `Not found: no ${kind} ${request.params[idParam]} in this ad account.`,
          );
        }
        return reply.send(json);
      },
    });

    app.route<{ Params: AccountParams; Body: Json[] }>({
      ...operationRoute(`${prefix}/create`),
      handler: async (request, reply) => {
        const account = ownAccount(request, reply, request.params.ad_account_id);
        if (!account) return reply;
        const items = request.body.map((fields) => {
          if (fields.ad_account_id !== undefined && fields.ad_account_id !== request.params.ad_account_id) {
            return batchItem(`${prefix}/create`, undefined, {
              code: 2,
              message: 'ad_account_id does not match the path.',
            });
          }
          return batchItem(
            `${prefix}/create`,
            ads().create(kind, request.params.ad_account_id, fields, state.now()),
          );
        });
        return reply.send({ items });
      },
    });

    app.route<{ Params: AccountParams; Body: Json[] }>({
      ...operationRoute(`${prefix}/update`),
      handler: async (request, reply) => {
        const account = ownAccount(request, reply, request.params.ad_account_id);
        if (!account) return reply;
        const items = request.body.map((fields) => {
          const current = ads().entities[kind].get(String(fields.id));
          if (!current || current.ad_account_id !== request.params.ad_account_id) {
            return batchItem(`${prefix}/update`, undefined, {
              code: 404,
              message: `No ${kind} ${String(fields.id)} in this ad account.`,
            });
          }
          return batchItem(`${prefix}/update`, ads().update(kind, String(fields.id), fields, state.now()));
        });
        return reply.send({ items });
      },
    });
  }

  for (const { operationId, level, idsQuery, targeting } of ANALYTICS) {
    app.route<{ Params: AccountParams; Querystring: AnalyticsQuery }>({
      ...operationRoute(operationId),
      handler: async (request, reply) => {
        const accountId = request.params.ad_account_id;
        const account = ownAccount(request, reply, accountId);
        if (!account) return reply;
        const { query } = request;
        const problem = checkAdsRange(query.start_date, query.end_date, query.granularity, state.now(), {
          daily: { daysBack: 90, maxSpan: 90 },
          // The ad account's own rule names no longest hourly range; its entities' say 3 days.
          hourly: level === 'ad_account' ? { daysBack: 8 } : { daysBack: 8, maxSpan: 3 },
        });
        if (problem) return sendError(reply, 400, 1, problem);
        const ids = entityIds(accountId, level, query, idsQuery);
        if ('error' in ids) return sendError(reply, 400, 1, ids.error);
        let subjects = ids.map((id) => ads().rowSubject(level, id));
        const end = lastDayWithData(query.end_date, state.now());
        if (targeting) {
          const data = adsTargetingRows(
            subjects,
            query.start_date,
            end,
            query.columns,
            query.granularity,
            query.targeting_types ?? [],
          );
          return reply.send({ data });
        }
        if (query.aggregate_report_rows === true) {
          // One row per time bucket over every requested entity: no entity id, as Pinterest documents.
          subjects = [
            {
              attributes: { AD_ACCOUNT_ID: accountId, ADVERTISER_ID: accountId },
              always: [],
              adIds: subjects.flatMap((subject) => subject.adIds),
            },
          ];
        }
        return reply.send(adsMetricRows(subjects, query.start_date, end, query.columns, query.granularity));
      },
    });
  }
}

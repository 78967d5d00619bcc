/**
 * The ads side of one environment: ad accounts, their campaigns, ad groups and ads, and asynchronous
 * reports. Entities keep what the client sent on top of a schema-valid template from the spec, so every
 * answer has the shape Pinterest documents.
 */
import { randomBytes } from 'node:crypto';
import type { RowSubject } from './ads-metrics.js';
import { operationById } from './spec/operations.js';
import type { MockAdAccountSeed, MockUser } from './types.js';

export type AdEntityKind = 'campaign' | 'ad_group' | 'ad';
/** Where an analytics row sits: a whole ad account or one ads entity. */
export type AdLevel = 'ad_account' | AdEntityKind;

type Json = Record<string, unknown>;

/** An asynchronous report (`POST /v5/ad_accounts/{id}/reports`). */
export interface ReportRecord {
  token: string;
  accountId: string;
  request: {
    start_date: string;
    end_date: string;
    granularity: string;
    columns: string[];
    level?: string;
    report_format?: string;
  };
  createdAt: number;
  readyAt: number;
  fails: boolean;
}

/** A template from the spec's answer to `operationId` (a deep copy). */
function template(operationId: string): Json {
  return structuredClone(operationById(operationId).answer ?? {}) as Json;
}

const GET_OPERATION: Record<AdEntityKind, string> = {
  campaign: 'campaigns/get',
  ad_group: 'ad_groups/get',
  ad: 'ads/get',
};

export class AdsData {
  readonly accounts = new Map<string, { json: Json; ownerId: string }>();
  readonly entities: Record<AdEntityKind, Map<string, Json>> = {
    campaign: new Map(),
    ad_group: new Map(),
    ad: new Map(),
  };
  readonly reports = new Map<string, ReportRecord>();

  private lastId: number;

  /** `firstId`: ads ids are at most 18 digits (the spec's `maxLength`), shorter than Pin ids. */
  constructor(
    firstId: number,
    private readonly reportSettings: { processingMs: number; failNext: number },
  ) {
    this.lastId = firstId;
  }

  /** A fresh ads id. */
  newId(): string {
    this.lastId += 1;
    return String(this.lastId);
  }

  addAccount(owner: MockUser, seed: MockAdAccountSeed, now: number): Json {
    const id = seed.id ?? this.newId();
    const json: Json = {
      ...template('ad_accounts/get'),
      id,
      name: seed.name,
      country: seed.country ?? 'US',
      currency: seed.currency ?? 'USD',
      owner: { id: owner.id, username: owner.username },
      permissions: ['OWNER'],
      created_time: Math.floor(now / 1000),
      updated_time: Math.floor(now / 1000),
    };
    this.accounts.set(id, { json, ownerId: owner.id });
    return json;
  }

  /** Seeds a user's ad accounts with one campaign, ad group and ad each. */
  seedUser(user: MockUser, now: number, pinIds: readonly string[]): void {
    for (const seed of user.adAccounts ?? []) {
      const account = this.addAccount(user, seed, now);
      const accountId = account.id as string;
      const campaign = this.create(
        'campaign',
        accountId,
        { name: `${seed.name}: always on`, objective_type: 'AWARENESS' },
        now,
        seed.campaignId,
      );
      const group = this.create('ad_group', accountId, { name: 'Everyone', campaign_id: campaign.id }, now);
      if (pinIds[0])
        this.create(
          'ad',
          accountId,
          { ad_group_id: group.id, pin_id: pinIds[0], creative_type: 'REGULAR' },
          now,
        );
    }
  }

  create(kind: AdEntityKind, accountId: string, fields: Json, now: number, id = this.newId()): Json {
    const seconds = Math.floor(now / 1000);
    // An ad belongs to its ad group's campaign, whatever the template says.
    const group = kind === 'ad' ? this.entities.ad_group.get(String(fields.ad_group_id)) : undefined;
    const json: Json = {
      ...template(GET_OPERATION[kind]),
      ...fields,
      ...(group ? { campaign_id: group.campaign_id } : {}),
      id,
      ad_account_id: accountId,
      created_time: seconds,
      updated_time: seconds,
    };
    this.entities[kind].set(id, json);
    return json;
  }

  update(kind: AdEntityKind, id: string, fields: Json, now: number): Json | undefined {
    const json = this.entities[kind].get(id);
    if (!json) return undefined;
    Object.assign(json, fields, {
      id,
      ad_account_id: json.ad_account_id,
      updated_time: Math.floor(now / 1000),
    });
    return json;
  }

  listOf(kind: AdEntityKind, accountId: string): Json[] {
    return [...this.entities[kind].values()].filter((json) => json.ad_account_id === accountId).reverse();
  }

  /**
   * The ads whose numbers an account or entity sums, found by walking down the tree (account → its
   * campaigns → their ad groups → their ads), so every level sums exactly the level below.
   */
  adsUnder(level: AdLevel, id: string): string[] {
    if (level === 'ad') return this.entities.ad.has(id) ? [id] : [];
    const children = (kind: AdEntityKind, key: string, parents: Set<string>) =>
      new Set(
        [...this.entities[kind].values()]
          .filter((json) => parents.has(String(json[key])))
          .map((json) => String(json.id)),
      );
    let groups: Set<string>;
    if (level === 'ad_group') groups = this.entities.ad_group.has(id) ? new Set([id]) : new Set();
    else {
      const campaigns =
        level === 'campaign'
          ? new Set(this.entities.campaign.has(id) ? [id] : [])
          : children('campaign', 'ad_account_id', new Set([id]));
      groups = children('ad_group', 'campaign_id', campaigns);
    }
    return [...children('ad', 'ad_group_id', groups)];
  }

  /** An analytics row's subject: the entity's columns (its own and its parents'), the ads it sums. */
  rowSubject(level: AdLevel, id: string): RowSubject {
    const ad = level === 'ad' ? this.entities.ad.get(id) : undefined;
    const group =
      level === 'ad_group'
        ? this.entities.ad_group.get(id)
        : this.entities.ad_group.get(String(ad?.ad_group_id));
    const campaign =
      level === 'campaign'
        ? this.entities.campaign.get(id)
        : this.entities.campaign.get(String(group?.campaign_id));
    const accountId = level === 'ad_account' ? id : String((ad ?? group ?? campaign)?.ad_account_id);
    const attributes: Record<string, unknown> = { AD_ACCOUNT_ID: accountId, ADVERTISER_ID: accountId };
    if (campaign) {
      Object.assign(attributes, {
        CAMPAIGN_ID: campaign.id,
        CAMPAIGN_NAME: campaign.name,
        CAMPAIGN_ENTITY_STATUS: campaign.status,
        CAMPAIGN_OBJECTIVE_TYPE: campaign.objective_type,
        CAMPAIGN_DAILY_SPEND_CAP: campaign.daily_spend_cap,
        CAMPAIGN_LIFETIME_SPEND_CAP: campaign.lifetime_spend_cap,
        ORDER_LINE_ID: campaign.order_line_id,
      });
    }
    if (group) {
      Object.assign(attributes, {
        AD_GROUP_ID: group.id,
        AD_GROUP_NAME: group.name,
        AD_GROUP_ENTITY_STATUS: group.status,
        AD_GROUP_BUDGET_TYPE: group.budget_type,
        AD_GROUP_BID_MULTIPLIER: group.bid_multiplier,
      });
    }
    if (ad) {
      Object.assign(attributes, {
        AD_ID: ad.id,
        PIN_PROMOTION_ID: ad.id,
        AD_NAME: ad.name,
        PIN_ID: ad.pin_id,
      });
    }
    const ID_COLUMN: Record<AdLevel, string> = {
      ad_account: 'AD_ACCOUNT_ID',
      campaign: 'CAMPAIGN_ID',
      ad_group: 'AD_GROUP_ID',
      ad: 'AD_ID',
    };
    return {
      // Only plain values: a column never carries an object or a null.
      attributes: Object.fromEntries(
        Object.entries(attributes).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
      ) as Record<string, string | number>,
      always: [ID_COLUMN[level]],
      adIds: this.adsUnder(level, id),
    };
  }

  createReport(accountId: string, request: ReportRecord['request'], now: number): ReportRecord {
    const record: ReportRecord = {
      token: randomBytes(16).toString('hex'),
      accountId,
      request,
      createdAt: now,
      readyAt: now + this.reportSettings.processingMs,
      fails: this.reportSettings.failNext > 0,
    };
    if (record.fails) this.reportSettings.failNext--;
    this.reports.set(record.token, record);
    return record;
  }

  reportStatus(record: ReportRecord, now: number): 'IN_PROGRESS' | 'FINISHED' | 'FAILED' {
    if (now < record.readyAt) return 'IN_PROGRESS';
    return record.fails ? 'FAILED' : 'FINISHED';
  }
}

/**
 * Ads reporting numbers (`GET …/analytics` of ad accounts, campaigns, ad groups and ads, and report files).
 * Only ads have a seeded series; every other row sums the ads below it, and every time bucket sums its days
 * (or, for `HOUR`, splits each day), so an ad account's figure equals the sum of its campaigns', of their ad
 * groups' and of their ads', for every day, hour, week or month. Ratio columns (CTR, CPC, ROAS, rates) are
 * computed from the summed counts of the row, as Pinterest computes them, so they do not add up.
 */
import { DAY_MS, daysBetween, hash, isoDay } from './analytics-series.js';

export type Granularity = 'TOTAL' | 'DAY' | 'HOUR' | 'WEEK' | 'MONTH';

/** One row's subject: an ads entity (or a whole ad account) and the ads whose numbers it sums. */
export interface RowSubject {
  /** Entity columns of the row (`CAMPAIGN_ID`, `CAMPAIGN_NAME`, …), filled in when requested. */
  attributes: Record<string, string | number>;
  /** Columns every row carries, requested or not (the level's id column, e.g. `AD_ID`). */
  always: string[];
  adIds: string[];
}

type Row = Record<string, string | number>;

const SPEND = 'SPEND_IN_MICRO_DOLLAR';
const MICRO = 1_000_000;

/** Columns describing the entity rather than measuring it: never summed, omitted where they do not apply. */
export const ATTRIBUTE_COLUMNS = new Set([
  'AD_ACCOUNT_ID',
  'ADVERTISER_ID',
  'CAMPAIGN_ID',
  'CAMPAIGN_NAME',
  'CAMPAIGN_BRAND_LABEL',
  'CAMPAIGN_ENTITY_STATUS',
  'CAMPAIGN_OBJECTIVE_TYPE',
  'CAMPAIGN_LIFETIME_SPEND_CAP',
  'CAMPAIGN_DAILY_SPEND_CAP',
  'CAMPAIGN_BUDGET_OPTIMIZATION',
  'IS_PREMIERE_CAMPAIGN',
  'AD_GROUP_ID',
  'AD_GROUP_NAME',
  'AD_GROUP_BUDGET_TYPE',
  'AD_GROUP_BUDGET_IN_LOCAL_CURRENCY',
  'AD_GROUP_ENTITY_STATUS',
  'AD_GROUP_BID_MULTIPLIER',
  'AD_GROUP_OPTIMIZATION',
  'AD_ID',
  'AD_NAME',
  'PIN_ID',
  'PIN_PROMOTION_ID',
  'PROMO_ID',
  'PROMO_NAME',
  'ORDER_LINE_ID',
  'ORDER_LINE_NAME',
  'PRODUCT_GROUP_AD_IMAGE_TAG',
  'PRODUCT_GROUP_AD_VIDEO_TAG',
  'VIDEO_LENGTH',
]);

/** A ratio column: `sum(num) / sum(den) × factor` over the row (no `den`: a unit change of `num`). */
interface Ratio {
  num: string;
  den?: string;
  factor?: number;
}

const RATIOS: Record<string, Ratio> = {
  SPEND_IN_DOLLAR: { num: SPEND, factor: 1 / MICRO },
  CTR: { num: 'CLICKTHROUGH_1', den: 'PAID_IMPRESSION' },
  ECTR: { num: 'TOTAL_CLICKTHROUGH', den: 'TOTAL_IMPRESSION' },
  CTR_2: { num: 'CLICKTHROUGH_2', den: 'IMPRESSION_2' },
  OUTBOUND_CTR_1: { num: 'OUTBOUND_CLICK_1', den: 'IMPRESSION_1' },
  ENGAGEMENT_RATE: { num: 'TOTAL_ENGAGEMENT', den: 'TOTAL_IMPRESSION' },
  EENGAGEMENT_RATE: { num: 'ENGAGEMENT_1', den: 'IMPRESSION_1' },
  REPIN_RATE: { num: 'REPIN_1', den: 'IMPRESSION_1' },
  TOTAL_REPIN_RATE: { num: 'TOTAL_REPIN', den: 'TOTAL_IMPRESSION' },
  PAID_VIDEO_VIEWABLE_RATE: { num: 'VIDEO_MRC_VIEWS_1', den: 'IMPRESSION_1' },
  TOTAL_IMPRESSION_FREQUENCY: { num: 'TOTAL_IMPRESSION', den: 'TOTAL_IMPRESSION_USER' },
  CPC_IN_MICRO_DOLLAR: { num: SPEND, den: 'CLICKTHROUGH_1' },
  ECPC_IN_MICRO_DOLLAR: { num: SPEND, den: 'TOTAL_CLICKTHROUGH' },
  ECPC_IN_DOLLAR: { num: SPEND, den: 'TOTAL_CLICKTHROUGH', factor: 1 / MICRO },
  CPM_IN_MICRO_DOLLAR: { num: SPEND, den: 'PAID_IMPRESSION', factor: 1000 },
  CPM_IN_DOLLAR: { num: SPEND, den: 'PAID_IMPRESSION', factor: 1000 / MICRO },
  ECPM_IN_MICRO_DOLLAR: { num: SPEND, den: 'TOTAL_IMPRESSION', factor: 1000 },
  ECPE_IN_DOLLAR: { num: SPEND, den: 'TOTAL_ENGAGEMENT', factor: 1 / MICRO },
  COST_PER_OUTBOUND_CLICK_IN_DOLLAR: { num: SPEND, den: 'OUTBOUND_CLICK_1', factor: 1 / MICRO },
  COST_PER_OUTBOUND_CLICK_IN_DOLLAR_1: { num: SPEND, den: 'OUTBOUND_CLICK_1', factor: 1 / MICRO },
  COST_PER_LEAD: { num: SPEND, den: 'LEADS', factor: 1 / MICRO },
  PAGE_VISIT_COST_PER_ACTION: { num: SPEND, den: 'TOTAL_PAGE_VISIT', factor: 1 / MICRO },
  WEB_CHECKOUT_COST_PER_ACTION: { num: SPEND, den: 'TOTAL_WEB_CHECKOUT', factor: 1 / MICRO },
  CHECKOUT_ROAS: { num: 'TOTAL_CHECKOUT_VALUE_IN_MICRO_DOLLAR', den: SPEND },
  WEB_CHECKOUT_ROAS: { num: 'TOTAL_WEB_CHECKOUT_VALUE_IN_MICRO_DOLLAR', den: SPEND },
  CUSTOM_ROAS: { num: 'TOTAL_CUSTOM_VALUE_IN_MICRO_DOLLAR', den: SPEND },
  TOTAL_VIDEO_AVG_WATCHTIME_IN_SECOND: {
    num: 'TOTAL_VIDEO_WATCHTIME_IN_SECOND',
    den: 'TOTAL_VIDEO_3SEC_VIEWS',
  },
};

/** The ratio behind a column, or undefined for a summed column. */
function ratioOf(column: string): Ratio | undefined {
  const known = RATIOS[column];
  if (known) return known;
  // Columns the table does not name follow their family: hidden counts keep them consistent across levels.
  if (/ROAS$/.test(column)) return { num: `${column}:VALUE_IN_MICRO_DOLLAR`, den: SPEND };
  if (/COST_PER|^E?CP/.test(column)) return { num: SPEND, den: `${column}:ACTIONS`, factor: 1 / MICRO };
  if (/RATE$|CTR|AVERAGE|_PER_/.test(column)) return { num: `${column}:EVENTS`, den: 'TOTAL_IMPRESSION' };
  if (/_IN_DOLLAR$/.test(column))
    return { num: column.replace(/_IN_DOLLAR$/, '_IN_MICRO_DOLLAR'), factor: 1 / MICRO };
  return undefined;
}

/** Summed columns made of others (so `TOTAL_IMPRESSION` is always `IMPRESSION_1 + IMPRESSION_2`, at every grain). */
const COMPOSITES: Record<string, string[]> = {
  PAID_IMPRESSION: ['IMPRESSION_1'],
  TOTAL_IMPRESSION: ['IMPRESSION_1', 'IMPRESSION_2'],
  IMPRESSION_1_GROSS: ['IMPRESSION_1', 'IMPRESSION_1_GROSS:EXTRA'],
  TOTAL_CLICKTHROUGH: ['CLICKTHROUGH_1', 'CLICKTHROUGH_2'],
  CLICKTHROUGH_1_GROSS: ['CLICKTHROUGH_1', 'CLICKTHROUGH_1_GROSS:EXTRA'],
  TOTAL_ENGAGEMENT: ['ENGAGEMENT_1', 'ENGAGEMENT_2'],
  TOTAL_REPIN: ['REPIN_1', 'REPIN_2'],
  TOTAL_WEB_SESSIONS: ['WEB_SESSIONS_1', 'WEB_SESSIONS_2'],
  TOTAL_IDEA_PIN_PRODUCT_TAG_VISIT: ['IDEA_PIN_PRODUCT_TAG_VISIT_1', 'IDEA_PIN_PRODUCT_TAG_VISIT_2'],
};

const basesOf = (column: string): string[] => COMPOSITES[column] ?? [column];

/** Money series are whole cents in micro-dollars, so sums and splits stay exact. */
const CENT = 10_000;
const isMoney = (base: string) => base.includes('MICRO_DOLLAR');

/** The seeded daily value of one base series of one ad. */
function seedValue(adId: string, day: string, base: string): number {
  const h = hash(`ad:${adId}|${day}|${base}`) % 1000;
  const within = (low: number, high: number) => low + Math.round((h / 999) * (high - low));
  if (base === SPEND) return within(300, 6000) * CENT;
  if (isMoney(base)) return within(0, 20_000) * CENT;
  if (base === 'IMPRESSION_1') return within(400, 1600);
  if (base === 'IMPRESSION_2') return within(100, 500);
  if (base === 'TOTAL_IMPRESSION_USER') return within(300, 900);
  if (base === 'CLICKTHROUGH_1' || base === 'ENGAGEMENT_1') return within(5, 60);
  if (base.endsWith(':EXTRA')) return within(0, 20);
  if (base.endsWith(':ACTIONS')) return within(1, 40);
  if (base === 'TOTAL_VIDEO_WATCHTIME_IN_SECOND') return within(0, 4000);
  return within(0, 50);
}

/** Splits `total` into parts by fixed weights, in whole units (largest remainder), summing exactly. */
function splitByWeights(total: number, unit: number, weights: number[]): number[] {
  const units = Math.round(total / unit);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (units * w) / sum);
  const parts = exact.map(Math.floor);
  let left = units - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
  }
  return parts.map((p) => p * unit);
}

/** One ad's value of a base series for a day, or one hour of it. */
function adValue(adId: string, day: string, base: string, hour: number | undefined): number {
  const daily = seedValue(adId, day, base);
  if (hour === undefined) return daily;
  // Every series of an ad shares the day's hourly shape, so hourly rates look like the daily ones.
  const weights = Array.from({ length: 24 }, (_, h) => 1 + (hash(`ad:${adId}|${day}|hour|${h}`) % 10));
  return splitByWeights(daily, isMoney(base) ? CENT : 1, weights)[hour] ?? 0;
}

/** A time bucket of the answer: its label and the (day, hour) slices it sums. */
interface Bucket {
  date?: string;
  hour?: number;
  slices: { day: string; hour?: number }[];
}

/** Monday of the ISO week of a day (`YYYY-MM-DD`). */
function weekOf(day: string): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(time).getUTCDay() + 6) % 7;
  return isoDay(time - weekday * DAY_MS);
}

/**
 * The rows' time buckets: one for `TOTAL`; one per day; 24 per day for `HOUR`; one per ISO week (Monday
 * first) or calendar month for `WEEK`/`MONTH`, each labelled with its first day inside the range.
 */
export function bucketsOf(start: string, end: string, granularity: Granularity): Bucket[] {
  const days = daysBetween(start, end);
  if (granularity === 'TOTAL') return [{ slices: days.map((day) => ({ day })) }];
  if (granularity === 'DAY') return days.map((day) => ({ date: day, slices: [{ day }] }));
  if (granularity === 'HOUR') {
    return days.flatMap((day) =>
      Array.from({ length: 24 }, (_, hour) => ({ date: day, hour, slices: [{ day, hour }] })),
    );
  }
  const keyOf = granularity === 'WEEK' ? weekOf : (day: string) => day.slice(0, 7);
  const buckets = new Map<string, Bucket>();
  for (const day of days) {
    const key = keyOf(day);
    const bucket = buckets.get(key) ?? { date: day, slices: [] };
    bucket.slices.push({ day });
    buckets.set(key, bucket);
  }
  return [...buckets.values()];
}

/** Rounds a ratio for the answer: micro-dollar amounts to whole micro-dollars, others to 6 decimals. */
function roundRatio(column: string, value: number): number {
  if (column.includes('MICRO_DOLLAR')) return Math.round(value);
  return Math.round(value * MICRO) / MICRO;
}

/** One row: the subject's `always` columns, the bucket's `DATE`/`HOUR`, the requested columns from `baseSum`. */
function rowOf(
  subject: RowSubject,
  bucket: Bucket,
  columns: string[],
  baseSum: (base: string) => number,
): Row {
  const sum = (column: string) => basesOf(column).reduce((total, base) => total + baseSum(base), 0);
  const row: Row = {};
  for (const column of subject.always) {
    const value = subject.attributes[column];
    if (value !== undefined) row[column] = value;
  }
  if (bucket.date !== undefined) row.DATE = bucket.date;
  if (bucket.hour !== undefined) row.HOUR = bucket.hour;
  for (const column of columns) {
    if (column === 'DATE' || column in row) continue;
    if (ATTRIBUTE_COLUMNS.has(column)) {
      const value = subject.attributes[column];
      if (value !== undefined) row[column] = value;
      continue;
    }
    const ratio = ratioOf(column);
    if (!ratio) {
      row[column] = sum(column);
      continue;
    }
    const denominator = ratio.den === undefined ? 1 : sum(ratio.den);
    row[column] =
      denominator === 0 ? 0 : roundRatio(column, (sum(ratio.num) / denominator) * (ratio.factor ?? 1));
  }
  return row;
}

/** The sums of a subject's ads over a bucket, base series by base series (computed once each). */
function bucketSums(subject: RowSubject, bucket: Bucket): (base: string) => number {
  const sums = new Map<string, number>();
  return (base) => {
    let value = sums.get(base);
    if (value === undefined) {
      value = 0;
      for (const adId of subject.adIds)
        for (const slice of bucket.slices) value += adValue(adId, slice.day, base, slice.hour);
      sums.set(base, value);
    }
    return value;
  };
}

/**
 * The answer rows for these subjects over `start`…`end`: per subject, one row per time bucket, with the
 * subject's `always` columns, `DATE` (and `HOUR`, 0–23, for hourly rows) unless `TOTAL`, and the requested
 * columns that apply.
 */
export function adsMetricRows(
  subjects: RowSubject[],
  start: string,
  end: string,
  columns: string[],
  granularity: Granularity,
): Row[] {
  const buckets = bucketsOf(start, end, granularity);
  return subjects.flatMap((subject) =>
    buckets.map((bucket) => rowOf(subject, bucket, columns, bucketSums(subject, bucket))),
  );
}

/** The values each targeting type is broken down into (from the spec's targeting enums and examples). */
const TARGETING_VALUES: Record<string, (string | number)[]> = {
  GENDER: ['female', 'male', 'unknown'],
  AGE_BUCKET: ['18-24', '25-34', '35-44', '45-49', '50-54', '55-64', '65+'],
  APPTYPE: ['iphone', 'ipad', 'android_mobile', 'android_tablet', 'web', 'web_mobile'],
  PLACEMENT: ['SEARCH', 'BROWSE', 'OTHER'],
  COUNTRY: ['US', 'CA', 'GB'],
  REGION: ['US-CA', 'US-NY', 'US-TX'],
  GEO: ['US:94102', 'US:10001'],
  LOCATION: [500, 501],
  KEYWORD: ['summer recipes', 'salads', 'drinks'],
  TARGETED_INTEREST: ['Food and Drinks', 'Home Decor'],
  PINNER_INTEREST: ['Salads', 'Chocolate Cookies'],
  CREATIVE_TYPE: ['REGULAR', 'VIDEO'],
  MEDIA_TYPE: ['IMAGE', 'VIDEO'],
};

/**
 * Targeting analytics (`…/targeting_analytics`): every row of `adsMetricRows` broken down, per requested
 * targeting type, into that type's values. Each ad's daily counts and money are split among the values by
 * that ad's fixed mix, so a type's values sum to the row, and a value's figure at one level sums the levels
 * below; ratios come from the value's own sums. Types without a known value list report everything under
 * `"unknown"`.
 */
export function adsTargetingRows(
  subjects: RowSubject[],
  start: string,
  end: string,
  columns: string[],
  granularity: Granularity,
  targetingTypes: string[],
): { targeting_type: string; targeting_value: string | number; metrics: Row }[] {
  const buckets = bucketsOf(start, end, granularity);
  const data: { targeting_type: string; targeting_value: string | number; metrics: Row }[] = [];
  for (const subject of subjects) {
    for (const bucket of buckets) {
      for (const type of targetingTypes) {
        const values = TARGETING_VALUES[type] ?? ['unknown'];
        // Each ad's own mix of audiences, split per ad and day, so breakdowns add up across levels too.
        const weightsOf = (adId: string) =>
          values.map((value) => 1 + (hash(`ad:${adId}|${type}|${value}`) % 9));
        const shares = new Map<string, number[]>();
        const shareOf = (base: string) => {
          let parts = shares.get(base);
          if (!parts) {
            const sums = values.map(() => 0);
            for (const adId of subject.adIds) {
              const weights = weightsOf(adId);
              for (const slice of bucket.slices) {
                const split = splitByWeights(
                  adValue(adId, slice.day, base, slice.hour),
                  isMoney(base) ? CENT : 1,
                  weights,
                );
                split.forEach((part, i) => {
                  sums[i] = (sums[i] ?? 0) + part;
                });
              }
            }
            parts = sums;
            shares.set(base, parts);
          }
          return parts;
        };
        values.forEach((value, i) => {
          const metrics = rowOf(subject, bucket, columns, (base) => shareOf(base)[i] ?? 0);
          data.push({ targeting_type: type, targeting_value: value, metrics });
        });
      }
    }
  }
  return data;
}

/** How far back a range may start and how long it may be, in days (one row of the spec's rules). */
export interface RangeRule {
  daysBack: number;
  maxSpan?: number;
}

/**
 * Pinterest's date rules for ads analytics and reports (each operation's description in the spec): start not
 * after end, start at most `daysBack` days before today (UTC), end at most `maxSpan` days after start; `HOUR`
 * has its own, tighter rule. Returns the 400 message, or undefined.
 */
export function checkAdsRange(
  start: string,
  end: string,
  granularity: string,
  now: number,
  rules: { daily: RangeRule; hourly: RangeRule },
): string | undefined {
  if (start > end) return `Invalid parameter: start_date ${start} is after end_date ${end}.`;
  const rule = granularity === 'HOUR' ? rules.hourly : rules.daily;
  const which = granularity === 'HOUR' ? ' with granularity HOUR' : '';
  const earliest = isoDay(now - rule.daysBack * DAY_MS);
  if (start < earliest) {
    return `Invalid parameter: start_date ${start} is more than ${rule.daysBack} days ago${which}; the earliest is ${earliest}.`;
  }
  const span = Math.round((Date.parse(end) - Date.parse(start)) / DAY_MS);
  if (rule.maxSpan !== undefined && span > rule.maxSpan) {
    return `Invalid parameter: end_date ${end} is ${span} days after start_date ${start}; at most ${rule.maxSpan}${which}.`;
  }
  return undefined;
}

/** The last day with numbers: days after today (UTC) have none yet. */
export function lastDayWithData(end: string, now: number): string {
  const today = isoDay(now);
  return end > today ? today : end;
}

/**
 * Seeded, deterministic analytics: the same subject (an account or a Pin) and day always give the same
 * numbers, so tests and templates can check what they show. Counts are integers; rates are derived from
 * them; totals are the sums of the days.
 */

/** The counted metrics every series carries; the others are derived (rates) or video-only. */
export const COUNT_METRICS = ['IMPRESSION', 'SAVE', 'PIN_CLICK', 'OUTBOUND_CLICK'] as const;
/** Video metrics, seeded for video Pins. */
export const VIDEO_METRICS = [
  'VIDEO_START',
  'VIDEO_MRC_VIEW',
  'VIDEO_10S_VIEW',
  'QUARTILE_95_PERCENT_VIEW',
  'VIDEO_V50_WATCH_TIME',
] as const;

export const DAY_MS = 86_400_000;

/** FNV-1a: a stable 32-bit hash of a string. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** `YYYY-MM-DD` of a time (UTC). */
export function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Every day from `start` to `end` inclusive (`YYYY-MM-DD`). */
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += DAY_MS) {
    days.push(isoDay(t));
  }
  return days;
}

/**
 * The counts of one subject on one day. `scale` sets the order of magnitude (an account's impressions are
 * in the thousands, a Pin's in the tens).
 */
export function dailyCounts(
  subject: string,
  day: string,
  scale: number,
  video = false,
): Record<string, number> {
  const pick = (metric: string, low: number, high: number) =>
    Math.round((low + ((hash(`${subject}|${day}|${metric}`) % 1000) / 1000) * (high - low)) * scale);
  const impressions = pick('IMPRESSION', 600, 1400);
  const counts: Record<string, number> = {
    IMPRESSION: impressions,
    SAVE: Math.min(impressions, pick('SAVE', 10, 40)),
    PIN_CLICK: Math.min(impressions, pick('PIN_CLICK', 20, 70)),
    OUTBOUND_CLICK: Math.min(impressions, pick('OUTBOUND_CLICK', 5, 30)),
  };
  if (video) {
    const starts = Math.min(impressions, pick('VIDEO_START', 100, 300));
    counts.VIDEO_START = starts;
    counts.VIDEO_MRC_VIEW = Math.round(starts * 0.6);
    counts.VIDEO_10S_VIEW = Math.round(starts * 0.4);
    counts.QUARTILE_95_PERCENT_VIEW = Math.round(starts * 0.2);
    counts.VIDEO_V50_WATCH_TIME = starts * 4000;
  }
  return counts;
}

/** Adds the derived metrics (engagement and rates) to counts, for a day or a total. */
export function withDerived(counts: Record<string, number>): Record<string, number> {
  const impressions = counts.IMPRESSION ?? 0;
  const engagement = (counts.SAVE ?? 0) + (counts.PIN_CLICK ?? 0) + (counts.OUTBOUND_CLICK ?? 0);
  const rate = (value: number) =>
    impressions === 0 ? 0 : Math.round((value / impressions) * 10_000) / 10_000;
  return {
    ...counts,
    ENGAGEMENT: engagement,
    ENGAGEMENT_RATE: rate(engagement),
    SAVE_RATE: rate(counts.SAVE ?? 0),
    PIN_CLICK_RATE: rate(counts.PIN_CLICK ?? 0),
    OUTBOUND_CLICK_RATE: rate(counts.OUTBOUND_CLICK ?? 0),
  };
}

/** Sums counts day by day. */
export function sumCounts(days: Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const day of days)
    for (const [metric, value] of Object.entries(day)) total[metric] = (total[metric] ?? 0) + value;
  return total;
}

/** Keeps only the requested metrics (all when none were asked for). */
export function only(metrics: Record<string, number>, wanted: string[] | undefined): Record<string, number> {
  if (!wanted || wanted.length === 0) return metrics;
  return Object.fromEntries(wanted.filter((m) => m in metrics).map((m) => [m, metrics[m] as number]));
}

/**
 * Pinterest's date rules for analytics: `YYYY-MM-DD`, start not after end, start at most 90 days back,
 * end not in the future. Returns the 400 message, or undefined.
 */
export function checkDateRange(start: string, end: string, now: number): string | undefined {
  const today = isoDay(now);
  const earliest = isoDay(now - 90 * DAY_MS);
  if (start > end) return `Invalid parameter: start_date ${start} is after end_date ${end}.`;
  if (start < earliest) {
    return `Invalid parameter: start_date ${start} is more than 90 days ago; the earliest is ${earliest}.`;
  }
  if (end > today) return `Invalid parameter: end_date ${end} is in the future; the latest is ${today}.`;
  return undefined;
}

/** READY for settled days; PROCESSING for today and yesterday (their numbers can still change). */
export function dataStatusOf(day: string, now: number): 'READY' | 'PROCESSING' {
  return day >= isoDay(now - DAY_MS) ? 'PROCESSING' : 'READY';
}

/**
 * The "Analytics" page: one server-rendered SVG line chart per metric (no JavaScript) and, under them, a table
 * of the same numbers — the accessible form of the charts (the SVGs are images with a text alternative).
 */
import { html, type SafeHtml } from './html.js';
import { layout, type PageContext } from './pages.js';

/** One metric over the period, oldest day first. */
export interface MetricSeries {
  metric: string;
  total: number;
  daily: { date: string; value: number }[];
}

const LABELS: Record<string, string> = {
  IMPRESSION: 'Impressions',
  SAVE: 'Saves',
  PIN_CLICK: 'Pin clicks',
  OUTBOUND_CLICK: 'Outbound clicks',
};
const WIDTH = 600;
const HEIGHT = 160;
const PAD = 8;

export const metricLabel = (metric: string) => LABELS[metric] ?? metric;
const number = (value: number) => value.toLocaleString('en-US');

// #region chart
/** A polyline of the daily values scaled into the chart box (0 at the bottom, the maximum at the top). */
function chart(series: MetricSeries): SafeHtml {
  const values = series.daily.map((d) => d.value);
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? (WIDTH - 2 * PAD) / (values.length - 1) : 0;
  const points = values
    .map(
      (v, i) =>
        `${(PAD + i * step).toFixed(1)},${(HEIGHT - PAD - (v / max) * (HEIGHT - 2 * PAD)).toFixed(1)}`,
    )
    .join(' ');
  const first = series.daily[0]?.date ?? '';
  const last = series.daily.at(-1)?.date ?? '';
  const id = `chart-${series.metric.toLowerCase()}`;
  return html`<figure class="chart">
  <figcaption><span class="metric">${metricLabel(series.metric)}</span> <strong>${number(series.total)}</strong></figcaption>
  <svg role="img" aria-labelledby="${id}" viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" data-metric="${series.metric}" data-points="${values.join(',')}">
    <title id="${id}">${metricLabel(series.metric)} per day from ${first} to ${last}: ${number(series.total)} in all, highest ${number(Math.max(0, ...values))}</title>
    <line x1="${PAD}" y1="${HEIGHT - PAD}" x2="${WIDTH - PAD}" y2="${HEIGHT - PAD}" class="axis"/>
    <polyline points="${points}" class="line"/>
  </svg>
</figure>`;
}
// #endregion

export function analyticsPage(
  ctx: PageContext,
  range: { start: string; end: string },
  series: MetricSeries[],
): SafeHtml {
  const days = series[0]?.daily ?? [];
  return layout(
    { ...ctx, current: 'analytics' },
    'Analytics',
    html`<h1>Analytics</h1>
<p class="lead">Your account, ${range.start} to ${range.end} (last ${days.length} days).</p>
<div class="charts">${series.map(chart)}</div>
<h2>Numbers per day</h2>
<div class="table-scroll" role="region" aria-labelledby="per-day" tabindex="0">
<table>
  <caption id="per-day">Daily metrics, ${range.start} to ${range.end}</caption>
  <thead><tr><th scope="col">Date</th>${series.map((s) => html`<th scope="col">${metricLabel(s.metric)}</th>`)}</tr></thead>
  <tbody>
  ${days.map(
    (day, i) =>
      html`<tr><th scope="row">${day.date}</th>${series.map((s) => html`<td>${number(s.daily[i]?.value ?? 0)}</td>`)}</tr>`,
  )}
  </tbody>
  <tfoot><tr><th scope="row">Total</th>${series.map((s) => html`<td>${number(s.total)}</td>`)}</tr></tfoot>
</table>
</div>`,
  );
}

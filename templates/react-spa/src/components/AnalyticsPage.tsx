/**
 * The analytics dashboard (route /analytics). Loaded with `lazy()`, so this file, uPlot and its CSS are a chunk
 * of their own that the first page never downloads.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './analytics.css';
import { type AnalyticsQuery, type AnalyticsView, fetchAnalytics, type Metric } from '../api.js';
import { formatCount } from '../messages.js';
import { ErrorPanel } from './ErrorPanel.js';
import { Spinner } from './Spinner.js';

const LABELS: Record<Metric, string> = {
  IMPRESSION: 'Impressions',
  SAVE: 'Saves',
  PIN_CLICK: 'Pin clicks',
  OUTBOUND_CLICK: 'Outbound clicks',
};
const COLORS: Record<Metric, string> = {
  IMPRESSION: '#e60023',
  SAVE: '#0074e8',
  PIN_CLICK: '#008753',
  OUTBOUND_CLICK: '#8046a5',
};
const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

type Load = { kind: 'loading' } | { kind: 'ready'; data: AnalyticsView } | { kind: 'error'; error: unknown };

/** uPlot drawing the chosen metrics of `data`, redrawn when they change and sized to its container. */
function Chart({ data, shown, label }: { data: AnalyticsView; shown: Metric[]; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const x = data.days.map((day) => Date.parse(`${day.date}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width: element.clientWidth || 600,
        height: 280,
        series: [
          { label: 'Date', value: (_u, t) => (t == null ? '' : isoDay(t * 1000)) },
          ...shown.map((metric) => ({ label: LABELS[metric], stroke: COLORS[metric], width: 2 })),
        ],
        axes: [
          // Whole days only (MM-DD), however wide the chart.
          {
            incrs: [DAY_MS / 1000, (2 * DAY_MS) / 1000, (7 * DAY_MS) / 1000, (14 * DAY_MS) / 1000],
            values: (_u, splits) => splits.map((t) => isoDay(t * 1000).slice(5)),
          },
          { size: 60 },
        ],
        scales: { x: { time: true } },
      },
      [x, ...shown.map((metric) => data.days.map((day) => day.values[metric]))],
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height: 280 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, shown]);
  // The table below carries the same numbers for screen readers.
  return <div ref={box} className="chart" role="img" aria-label={label} data-testid="chart" />;
}

/** Date range (7/30/90 days or from/to), metric toggles, the chart and a table of the same numbers. */
export default function AnalyticsPage() {
  const [query, setQuery] = useState<AnalyticsQuery>({ days: 30 });
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [shown, setShown] = useState<Metric[]>(['IMPRESSION', 'SAVE', 'PIN_CLICK', 'OUTBOUND_CLICK']);
  const [custom, setCustom] = useState(false);
  const tableId = useId();
  const today = isoDay(Date.now());
  const earliest = isoDay(Date.now() - 90 * DAY_MS);

  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    fetchAnalytics(query)
      .then((data) => live && setLoad({ kind: 'ready', data }))
      .catch((error: unknown) => live && setLoad({ kind: 'error', error }));
    return () => {
      live = false;
    };
  }, [query]);

  const onRange = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setQuery({ from: String(form.get('from')), to: String(form.get('to')) });
  };

  const toggle = (metric: Metric) =>
    setShown((current) =>
      current.includes(metric) ? current.filter((m) => m !== metric) : [...current, metric],
    );

  return (
    <section aria-labelledby="analytics-heading" className="analytics">
      <h1 id="analytics-heading" className="section-title">
        Analytics
      </h1>
      <div className="analytics__controls">
        <fieldset className="segmented">
          <legend>Period</legend>
          {([7, 30, 90] as const).map((days) => (
            <label key={days}>
              <input
                type="radio"
                name="period"
                checked={!custom && 'days' in query && query.days === days}
                onChange={() => {
                  setCustom(false);
                  setQuery({ days });
                }}
              />
              {days} days
            </label>
          ))}
          <label>
            <input type="radio" name="period" checked={custom} onChange={() => setCustom(true)} />
            From – to
          </label>
        </fieldset>
        {custom ? (
          <form className="range" onSubmit={onRange}>
            <label className="field">
              From
              <input type="date" name="from" required min={earliest} max={today} defaultValue={earliest} />
            </label>
            <label className="field">
              To
              <input type="date" name="to" required min={earliest} max={today} defaultValue={today} />
            </label>
            <button type="submit" className="button">
              Show
            </button>
          </form>
        ) : null}
        <fieldset className="toggles">
          <legend>Metrics</legend>
          {(Object.keys(LABELS) as Metric[]).map((metric) => (
            <label key={metric} className="toggle">
              <input type="checkbox" checked={shown.includes(metric)} onChange={() => toggle(metric)} />
              <span className="swatch" style={{ backgroundColor: COLORS[metric] }} aria-hidden="true" />
              {LABELS[metric]}
            </label>
          ))}
        </fieldset>
      </div>
      {load.kind === 'loading' ? <Spinner label="Loading analytics…" /> : null}
      {load.kind === 'error' ? (
        <ErrorPanel error={load.error} onRetry={() => setQuery({ ...query })} />
      ) : null}
      {load.kind === 'ready' ? (
        <>
          <p className="muted">
            {load.data.start} to {load.data.end} (UTC).{' '}
            {shown.map((m) => `${LABELS[m]}: ${formatCount(load.data.totals[m])}`).join(' · ')}
          </p>
          <Chart
            data={load.data}
            shown={shown}
            label={`Daily ${shown.map((m) => LABELS[m].toLowerCase()).join(', ')} from ${load.data.start} to ${load.data.end}; the table below lists the numbers.`}
          />
          <div className="table-scroll">
            <table className="numbers" aria-describedby={tableId}>
              <caption id={tableId}>
                Daily numbers, {load.data.start} to {load.data.end}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  {shown.map((m) => (
                    <th key={m} scope="col">
                      {LABELS[m]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {load.data.days.map((day) => (
                  <tr key={day.date}>
                    <th scope="row">{day.date}</th>
                    {shown.map((m) => (
                      <td key={m}>{day.values[m]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  {shown.map((m) => (
                    <td key={m}>{load.data.totals[m]}</td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

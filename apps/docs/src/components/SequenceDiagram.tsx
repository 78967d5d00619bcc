/**
 * The OAuth sequence as an inline SVG (no image request, themable, readable by screen readers through its
 * title, description and the ordered list that follows it on the page).
 */
const LANES = [
  { x: 80, label: 'Browser' },
  { x: 300, label: 'Your app (@kit/auth-core)' },
  { x: 520, label: 'www.pinterest.com/oauth/' },
  { x: 720, label: 'api.pinterest.com/v5' },
] as const;

const MESSAGES: { from: number; to: number; text: string; note?: string }[] = [
  { from: 0, to: 1, text: 'GET /auth/login' },
  { from: 1, to: 0, text: '302 consent URL + state cookie', note: '1' },
  { from: 0, to: 2, text: 'client_id, redirect_uri, scope, state' },
  { from: 2, to: 0, text: '302 redirect_uri?code=…&state=…', note: '2' },
  { from: 0, to: 1, text: 'GET /auth/callback?code&state' },
  { from: 1, to: 3, text: 'POST /v5/oauth/token (Basic, code)', note: '3' },
  { from: 3, to: 1, text: 'access_token, refresh_token, expires_in' },
  { from: 1, to: 3, text: 'GET /v5/user_account (Bearer)', note: '4' },
  { from: 1, to: 3, text: 'later: grant_type=refresh_token', note: '4' },
];

export function SequenceDiagram() {
  const top = 56;
  const step = 44;
  const height = top + MESSAGES.length * step + 24;
  return (
    <figure className="diagram">
      {/* On a phone the diagram scrolls sideways; keyboard users reach the scrolling box with Tab. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="diagram-scroll" tabIndex={0} aria-label="OAuth sequence diagram">
        <svg viewBox={`0 0 800 ${height}`} role="img" aria-labelledby="seq-title seq-desc">
          <title id="seq-title">OAuth sequence between the browser, your app and Pinterest</title>
          <desc id="seq-desc">
            The app redirects the browser to Pinterest’s consent page with a state value; Pinterest redirects
            back with a code; the app exchanges the code at the token endpoint with Basic authentication, then
            calls the API with the access token and refreshes it before it expires.
          </desc>
          <defs>
            <marker
              id="arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto"
            >
              <path d="M0 0L10 5L0 10z" fill="currentColor" />
            </marker>
          </defs>
          {LANES.map((lane) => (
            <g key={lane.label}>
              <rect
                x={lane.x - 78}
                y={6}
                width={156}
                height={30}
                rx={8}
                fill="var(--bg)"
                stroke="var(--border)"
              />
              <text x={lane.x} y={26} textAnchor="middle" fontSize="12" fontWeight="600" fill="currentColor">
                {lane.label}
              </text>
              <line
                x1={lane.x}
                x2={lane.x}
                y1={36}
                y2={height - 8}
                stroke="var(--border)"
                strokeDasharray="4 4"
              />
            </g>
          ))}
          {MESSAGES.map((m, i) => {
            const y = top + i * step + 10;
            const x1 = LANES[m.from as 0]?.x ?? 0;
            const x2 = LANES[m.to as 0]?.x ?? 0;
            const back = x2 < x1;
            return (
              <g key={m.text}>
                <line
                  x1={x1}
                  x2={back ? x2 + 4 : x2 - 4}
                  y1={y}
                  y2={y}
                  stroke={back ? 'var(--fg-soft)' : 'var(--accent)'}
                  strokeWidth="1.6"
                  strokeDasharray={back ? '5 3' : undefined}
                  markerEnd="url(#arrow)"
                  color={back ? 'var(--fg-soft)' : 'var(--accent)'}
                />
                <text x={(x1 + x2) / 2} y={y - 7} textAnchor="middle" fontSize="11.5" fill="currentColor">
                  {m.text}
                </text>
                {m.note ? (
                  <g>
                    <circle cx={14} cy={y} r={10} fill="var(--accent)" />
                    <text x={14} y={y + 4} textAnchor="middle" fontSize="11" fontWeight="700" fill="#fff">
                      {m.note}
                    </text>
                  </g>
                ) : null}
              </g>
            );
          })}
        </svg>
      </section>
      <figcaption>Numbers mark the four steps described below.</figcaption>
    </figure>
  );
}

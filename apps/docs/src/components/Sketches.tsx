/**
 * Schematic drawings of Pinterest's developer pages, drawn by us as inline SVG (no screenshots, no image
 * requests, themed by the site's colours). They show where things are, not what the pages look like
 * pixel for pixel: each says so in its caption. Each has a title and a description for screen readers.
 */
import type { ReactNode } from 'react';

function Sketch({
  id,
  title,
  desc,
  height,
  children,
  caption,
}: {
  id: string;
  title: string;
  desc: string;
  height: number;
  children: ReactNode;
  caption: ReactNode;
}) {
  return (
    <figure className="diagram sketch">
      <svg viewBox={`0 0 560 ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {children}
      </svg>
      <figcaption>{caption} Drawn by us; Pinterest’s page looks different and may change.</figcaption>
    </figure>
  );
}

/** A browser window frame with an address bar, used by every sketch. */
function Window({ height, address }: { height: number; address: string }) {
  return (
    <g>
      <rect x="4" y="4" width="552" height={height - 8} rx="10" fill="var(--bg)" stroke="var(--border)" />
      <rect x="4" y="4" width="552" height="30" rx="10" fill="var(--bg-soft)" stroke="var(--border)" />
      <rect x="70" y="11" width="420" height="16" rx="8" fill="var(--bg)" stroke="var(--border)" />
      <text x="82" y="23" fontSize="11" fill="var(--fg-soft)">
        {address}
      </text>
    </g>
  );
}

function Label({ x, y, children, bold }: { x: number; y: number; children: ReactNode; bold?: boolean }) {
  return (
    <text x={x} y={y} fontSize="13" fontWeight={bold ? 700 : 400} fill="var(--fg)">
      {children}
    </text>
  );
}

function Button({
  x,
  y,
  w,
  children,
  primary,
}: {
  x: number;
  y: number;
  w: number;
  children: string;
  primary?: boolean;
}) {
  return (
    <g>
      <rect
        x={x}
        y={y}
        width={w}
        height="26"
        rx="13"
        fill={primary ? 'var(--accent)' : 'var(--bg-soft)'}
        stroke="var(--border)"
      />
      <text
        x={x + w / 2}
        y={y + 17}
        fontSize="12"
        fontWeight="600"
        textAnchor="middle"
        fill={primary ? 'var(--bg)' : 'var(--fg)'}
      >
        {children}
      </text>
    </g>
  );
}

/** A numbered marker pointing at the step it illustrates. */
function Marker({ x, y, n }: { x: number; y: number; n: number }) {
  return (
    <g>
      <circle cx={x} cy={y} r="11" fill="var(--accent)" />
      <text x={x} y={y + 4} fontSize="12" fontWeight="700" textAnchor="middle" fill="var(--bg)">
        {n}
      </text>
    </g>
  );
}

export function BusinessAccountSketch() {
  return (
    <Sketch
      id="sketch-business"
      height={200}
      title="Converting a Pinterest account to a business account"
      desc="Pinterest's settings, account management: a section to convert the personal account to a business account, with a Convert account button. Pins and followers stay."
      caption={<>1: account settings; 2: convert the account.</>}
    >
      <Window height={200} address="pinterest.com › Settings › Account management" />
      <Label x={24} y={62} bold>
        Account management
      </Label>
      <Marker x={500} y={57} n={1} />
      <rect x="24" y="76" width="512" height="96" rx="8" fill="var(--bg-soft)" stroke="var(--border)" />
      <Label x={40} y={102} bold>
        Account changes
      </Label>
      <Label x={40} y={124}>
        Convert to a business account
      </Label>
      <text x={40} y={144} fontSize="12" fill="var(--fg-soft)">
        Your Pins and followers stay as they are.
      </text>
      <Button x={380} y={114} w={130} primary>
        Convert account
      </Button>
      <Marker x={366} y={127} n={2} />
    </Sketch>
  );
}

export function MyAppsSketch() {
  return (
    <Sketch
      id="sketch-my-apps"
      height={210}
      title="My apps on developers.pinterest.com"
      desc="The My apps page lists one card per app with its name and its access tier (Trial, or pending review), and buttons Manage and Upgrade. A Connect app button at the top starts a new request."
      caption={
        <>1: Connect app starts a request; 2: the card shows the review state; 3: Manage opens the app.</>
      }
    >
      <Window height={210} address="developers.pinterest.com/apps/" />
      <Label x={24} y={64} bold>
        My apps
      </Label>
      <Button x={420} y={46} w={116} primary>
        Connect app
      </Button>
      <Marker x={404} y={59} n={1} />
      <rect x="24" y="84" width="512" height="100" rx="8" fill="var(--bg-soft)" stroke="var(--border)" />
      <Label x={40} y={112} bold>
        my-app
      </Label>
      <rect x="40" y="124" width="92" height="20" rx="10" fill="var(--bg)" stroke="var(--border)" />
      <text x={86} y={138} fontSize="11" textAnchor="middle" fill="var(--fg)">
        Trial / pending
      </text>
      <Marker x={148} y={134} n={2} />
      <Button x={320} y={142} w={96} primary>
        Manage
      </Button>
      <Button x={426} y={142} w={96}>
        Upgrade
      </Button>
      <Marker x={306} y={155} n={3} />
    </Sketch>
  );
}

export function CredentialsSketch() {
  return (
    <Sketch
      id="sketch-credentials"
      height={200}
      title="Where the App ID and the App secret key are"
      desc="After Manage, the app's page shows the App ID, a number, and the App secret key. Copy them into PINTEREST_APP_ID and PINTEREST_APP_SECRET."
      caption={
        <>
          1: App ID → <code>PINTEREST_APP_ID</code>; 2: App secret key → <code>PINTEREST_APP_SECRET</code>.
        </>
      }
    >
      <Window height={200} address="developers.pinterest.com › My apps › Manage" />
      <Label x={24} y={64} bold>
        my-app
      </Label>
      <Label x={24} y={100}>
        App ID
      </Label>
      <rect x="150" y="86" width="220" height="22" rx="6" fill="var(--bg-soft)" stroke="var(--border)" />
      <text x={160} y={101} fontSize="12" fontFamily="var(--mono)" fill="var(--fg)">
        1234567
      </text>
      <Marker x={390} y={97} n={1} />
      <Label x={24} y={140}>
        App secret key
      </Label>
      <rect x="150" y="126" width="220" height="22" rx="6" fill="var(--bg-soft)" stroke="var(--border)" />
      <text x={160} y={141} fontSize="12" fontFamily="var(--mono)" fill="var(--fg)">
        ••••••••••••••••
      </text>
      <Marker x={390} y={137} n={2} />
    </Sketch>
  );
}

export function RedirectUriSketch() {
  return (
    <Sketch
      id="sketch-redirect"
      height={230}
      title="Adding a redirect URI in the Configure tab"
      desc="The app's Configure tab has a Redirect URIs section: a text field where the URI is typed, an Add button, and the list of URIs already registered below it."
      caption={<>1: the Configure tab; 2: type the exact URI; 3: Add; 4: it joins the list.</>}
    >
      <Window height={230} address="developers.pinterest.com › My apps › Manage" />
      <Label x={110} y={64} bold>
        Configure
      </Label>
      <line x1="110" x2="180" y1="70" y2="70" stroke="var(--accent)" strokeWidth="3" />
      <Marker x={200} y={60} n={1} />
      <Label x={24} y={104} bold>
        Redirect URIs
      </Label>
      <rect x="24" y="116" width="360" height="26" rx="6" fill="var(--bg)" stroke="var(--fg-soft)" />
      <text x={34} y={133} fontSize="12" fontFamily="var(--mono)" fill="var(--fg)">
        http://localhost:3000/auth/callback
      </text>
      <Marker x={372} y={104} n={2} />
      <Button x={396} y={116} w={70} primary>
        Add
      </Button>
      <Marker x={482} y={129} n={3} />
      <rect x="24" y="156" width="442" height="46" rx="6" fill="var(--bg-soft)" stroke="var(--border)" />
      <text x={34} y={175} fontSize="12" fontFamily="var(--mono)" fill="var(--fg)">
        https://app.example.com/auth/callback
      </text>
      <text x={34} y={193} fontSize="12" fontFamily="var(--mono)" fill="var(--fg)">
        http://localhost:3000/auth/callback
      </text>
      <Marker x={482} y={179} n={4} />
    </Sketch>
  );
}

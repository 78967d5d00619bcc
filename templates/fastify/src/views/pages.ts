/**
 * Every page of the app as a plain function from data to HTML. No template engine: `html` escapes what it
 * interpolates, so Pinterest data (board names, descriptions) cannot inject markup.
 */
import type { PinterestSchemas } from '@kit/auth-core';
import { type HtmlValue, html, type SafeHtml, safeUrl } from './html.js';

type Account = PinterestSchemas['Account'];
type Board = PinterestSchemas['Board'];
type Pin = PinterestSchemas['Pin'];

/** Which Pinterest the app talks to, shown as a badge in the header. */
export type Environment = 'mock' | 'sandbox' | 'production';

/** What every page needs to draw the header. */
export interface PageContext {
  environment: Environment;
  /** The signed-in user, if any (drives the navigation and the logout form). */
  user?: { username: string; csrfToken: string };
  /** Which nav item is active. */
  current?: 'profile' | 'boards' | 'new-pin' | 'analytics';
}

/** The page frame (header, navigation, footer) around `body`. */
export function layout(ctx: PageContext, title: string, body: HtmlValue): SafeHtml {
  const navLink = (href: string, label: string, key: PageContext['current']) =>
    html`<a href="${href}"${ctx.current === key ? html` aria-current="page"` : ''}>${label}</a>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · Pinterest app</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header class="top">
  <a class="brand" href="/"><span class="logo" aria-hidden="true">P</span><span>Pinterest app</span></a>
  <span class="env ${ctx.environment}" title="Which Pinterest this app talks to">${ctx.environment}</span>
  <nav class="main" aria-label="Main">
    ${
      ctx.user
        ? html`${navLink('/profile', 'Profile', 'profile')}${navLink('/boards', 'Boards', 'boards')}${navLink('/pins/new', 'New Pin', 'new-pin')}${navLink('/analytics', 'Analytics', 'analytics')}
    <form class="inline" method="post" action="/auth/logout">
      <input type="hidden" name="csrf" value="${ctx.user.csrfToken}">
      <button type="submit" class="secondary">Log out</button>
    </form>`
        : html`<a class="button" href="/auth/login">Log in with Pinterest</a>`
    }
  </nav>
</header>
<main id="content">
${body}
</main>
<footer>Built on Pinterest API v5 with Fastify and @kit/auth-core.</footer>
</body>
</html>
`;
}

/** Home page: what the app does and a login button (or links to the user's pages when signed in). */
export function homePage(ctx: PageContext): SafeHtml {
  return layout(
    ctx,
    'Welcome',
    html`<section class="hero">
  <h1>Your Pinterest, your boards</h1>
  <p class="lead">Log in with your Pinterest account to see your profile, browse your boards and the Pins on them.
  Your tokens stay on this server; your browser only holds a session cookie.</p>
  ${
    ctx.user
      ? html`<a class="button" href="/profile">Go to your profile</a>`
      : html`<a class="button" href="/auth/login">Log in with Pinterest</a>`
  }
</section>`,
  );
}

function count(value: number | null | undefined): string {
  return typeof value === 'number' ? value.toLocaleString('en-US') : '–';
}

/** Profile: avatar, username and the account's counts. */
export function profilePage(ctx: PageContext, account: Account, notice?: SafeHtml): SafeHtml {
  const avatar = safeUrl(account.profile_image);
  const stats: [string, number | null | undefined][] = [
    ['Boards', account.board_count],
    ['Pins', account.pin_count],
    ['Followers', account.follower_count],
    ['Following', account.following_count],
    ['Monthly views', account.monthly_views],
  ];
  return layout(
    { ...ctx, current: 'profile' },
    account.username ?? 'Profile',
    html`${notice ? html`<div class="notice" role="status">${notice}</div>` : ''}
<section class="profile" aria-labelledby="who">
  ${avatar ? html`<img class="avatar" src="${avatar}" alt="" width="96" height="96">` : html`<div class="avatar" aria-hidden="true"></div>`}
  <div>
    <h1 id="who">${account.username}</h1>
    <p class="muted">${account.business_name ? html`${account.business_name} · ` : ''}@${account.username}${account.account_type ? html` · ${account.account_type.toLowerCase()} account` : ''}</p>
    ${account.about ? html`<p>${account.about}</p>` : ''}
  </div>
</section>
<ul class="stats" aria-label="Account numbers">
  ${stats.map(([label, value]) => html`<li><strong>${count(value)}</strong><span>${label}</span></li>`)}
</ul>
<p><a class="button" href="/boards">See your boards</a></p>`,
  );
}

function pager(nextHref: string | undefined, firstHref: string, isFirst: boolean): SafeHtml {
  return html`<nav class="pager" aria-label="Pages">
  ${isFirst ? '' : html`<a class="button secondary" href="${firstHref}">First page</a>`}
  ${nextHref ? html`<a class="button" href="${nextHref}" rel="next">Next page</a>` : html`<span class="muted">That’s all.</span>`}
</nav>`;
}

/** One page of the user's boards, with a "Next page" link built from Pinterest's bookmark. */
export function boardsPage(
  ctx: PageContext,
  page: { items: Board[]; bookmark?: string | null },
  isFirst: boolean,
): SafeHtml {
  const next = page.bookmark ? `/boards?bookmark=${encodeURIComponent(page.bookmark)}` : undefined;
  return layout(
    { ...ctx, current: 'boards' },
    'Your boards',
    html`<h1>Your boards</h1>
${
  page.items.length === 0
    ? html`<p class="muted">No boards here yet.</p>`
    : html`<ul class="grid" aria-label="Boards">
  ${page.items.map(
    (board) => html`<li class="card"><a class="card-link" href="/boards/${encodeURIComponent(board.id)}">
    ${boardCover(board)}
    <h2>${board.name}</h2>
    <p>${typeof board.pin_count === 'number' ? `${count(board.pin_count)} Pins` : ''}${board.privacy && board.privacy !== 'PUBLIC' ? ` · ${board.privacy.toLowerCase()}` : ''}</p>
    ${board.description ? html`<p>${board.description}</p>` : ''}
  </a></li>`,
  )}
</ul>`
}
${pager(next, '/boards', isFirst)}`,
  );
}

/** The board's cover image (its first Pin's, from Pinterest), or nothing when it has none. */
function boardCover(board: Board): SafeHtml | string {
  const src = safeUrl(board.media?.image_cover_url);
  return src ? html`<img class="cover" src="${src}" alt="" loading="lazy" width="400" height="300">` : '';
}

function pinImage(pin: Pin): string | undefined {
  // The spec types `media` as the union of image and video media without `media_type`; both carry `images`.
  const images = (pin.media as Partial<PinterestSchemas['PinMediaWithImage']> | undefined)?.images;
  if (!images) return undefined;
  const best = images['400x300'] ?? images['600x'] ?? Object.values(images)[0];
  return safeUrl(best?.url);
}

/** One page of a board's Pins. */
export function boardPinsPage(
  ctx: PageContext,
  board: Board,
  page: { items: Pin[]; bookmark?: string | null },
  isFirst: boolean,
): SafeHtml {
  const base = `/boards/${encodeURIComponent(board.id)}`;
  const next = page.bookmark ? `${base}?bookmark=${encodeURIComponent(page.bookmark)}` : undefined;
  return layout(
    { ...ctx, current: 'boards' },
    board.name,
    html`<p><a href="/boards">← All boards</a></p>
<h1>${board.name}</h1>
${board.description ? html`<p class="lead">${board.description}</p>` : ''}
${
  page.items.length === 0
    ? html`<p class="muted">This board has no Pins yet.</p>`
    : html`<ul class="pins" aria-label="Pins">
  ${page.items.map((pin) => {
    const src = pinImage(pin);
    return html`<li>
    ${src ? html`<img src="${src}" alt="${pin.alt_text ?? pin.title ?? ''}" loading="lazy">` : ''}
    <div class="text"><h3>${pin.title || 'Untitled Pin'}</h3>${pin.description ? html`<p>${pin.description}</p>` : ''}</div>
  </li>`;
  })}
</ul>`
}
${pager(next, base, isFirst)}`,
  );
}

/** A friendly error page: a title, what happened, and what to do next (usually a button). */
export interface Problem {
  status: number;
  title: string;
  message: string;
  action?: { href: string; label: string };
  /** Shown small, for support (e.g. Pinterest's request id). Never a secret. */
  detail?: string;
}

export function problemPage(ctx: PageContext, problem: Problem): SafeHtml {
  return layout(
    ctx,
    problem.title,
    html`<section class="problem" role="alert">
  <h1>${problem.title}</h1>
  <p class="lead">${problem.message}</p>
  ${problem.action ? html`<p><a class="button" href="${problem.action.href}">${problem.action.label}</a></p>` : ''}
  ${problem.detail ? html`<p class="code">${problem.detail}</p>` : ''}
</section>`,
  );
}

/**
 * Every page of the site, in reading order: the sidebar, previous/next links, the prerenderer and the
 * tests all read this list. Page bodies are loaded on demand, so the first page ships only its own chunk.
 */
import type { MDXContent } from 'mdx/types';
import { API_PAGES } from './api-pages.ts';
import type { PageHeading } from './lib/slug.ts';

export interface PageModule {
  default: MDXContent;
  /** The page's h2/h3 headings, added to each MDX module by plugins/rehype-headings.ts. */
  headings?: PageHeading[];
}

export interface PageInfo {
  /** URL path, always with a trailing slash. */
  path: string;
  title: string;
  section: string;
  /** One line for search results and the meta description. */
  description: string;
  load: () => Promise<PageModule>;
}

export const PAGES: PageInfo[] = [
  {
    path: '/',
    title: 'Getting started',
    section: 'Guide',
    description:
      'What the Pinterest App Kit is, creating an app from a clone (npm run create-app) or from npm, and a first login against the mock.',
    load: () => import('./content/index.mdx'),
  },
  {
    path: '/register-your-app/',
    title: 'Register your app',
    section: 'Guide',
    description:
      'Business account, Developer Terms, the Connect app form, Trial review, and where the App ID and secret appear.',
    load: () => import('./content/register-your-app.mdx'),
  },
  {
    path: '/redirect-uris/',
    title: 'Redirect URIs',
    section: 'Guide',
    description:
      'Exact matching, several URIs per app, localhost for development, and the URI each template uses.',
    load: () => import('./content/redirect-uris.mdx'),
  },
  {
    path: '/oauth-flow/',
    title: 'The OAuth flow',
    section: 'Guide',
    description:
      'Consent request, callback, code exchange, storing and refreshing, and how @kit/auth-core does each.',
    load: () => import('./content/oauth-flow.mdx'),
  },
  {
    path: '/tokens/',
    title: 'Tokens',
    section: 'Guide',
    description:
      '30-day access tokens, 60-day rotating refresh tokens, where each template stores them, early death.',
    load: () => import('./content/tokens.mdx'),
  },
  {
    path: '/trial-access/',
    title: 'Trial access and test tokens',
    section: 'Guide',
    description:
      'What Trial apps can do, the sandbox, test tokens from My apps, rate limits and upgrading to Standard.',
    load: () => import('./content/trial-access.mdx'),
  },
  {
    path: '/going-live/',
    title: 'Going live',
    section: 'Guide',
    description:
      'Mock → sandbox → production: what to change in .env, and what npm run doctor checks before the first login.',
    load: () => import('./content/going-live.mdx'),
  },
  {
    path: '/guides/create-pins/',
    title: 'Create Pins',
    section: 'Publish and measure',
    description:
      'A Pin from an image URL, a local file (image_base64) or a video (media upload, processing, failure), with scopes and errors.',
    load: () => import('./content/guides/create-pins.mdx'),
  },
  {
    path: '/guides/board-sections/',
    title: 'Board sections',
    section: 'Publish and measure',
    description:
      'List and create board sections, put Pins in them, and copy a board with its sections and Pins.',
    load: () => import('./content/guides/board-sections.mdx'),
  },
  {
    path: '/guides/incremental-consent/',
    title: 'Asking for write scopes later',
    section: 'Publish and measure',
    description:
      'Incremental consent: log in with read scopes, ask for pins:write or ads:read when first needed; MISSING_SCOPE and 401 code 3.',
    load: () => import('./content/guides/incremental-consent.mdx'),
  },
  {
    path: '/guides/user-analytics/',
    title: 'User analytics',
    section: 'Publish and measure',
    description:
      'Daily impressions, saves and clicks of the account (user_account/analytics), top Pins, sparklines and an SVG chart.',
    load: () => import('./content/guides/user-analytics.mdx'),
  },
  {
    path: '/guides/ads-reports/',
    title: 'Ads reports',
    section: 'Publish and measure',
    description:
      'Asynchronous ads reports with runAdsReport: create, wait for FINISHED, download without the token, write CSV.',
    load: () => import('./content/guides/ads-reports.mdx'),
  },
  {
    path: '/templates/fastify/',
    title: 'Fastify web app',
    section: 'Templates',
    description: 'A multi-user server-rendered web app with Log in with Pinterest, built on Fastify 5.',
    load: () => import('./content/templates/fastify.mdx'),
  },
  {
    path: '/templates/react-spa/',
    title: 'React SPA with a backend',
    section: 'Templates',
    description: 'A Vite + React front end and a small Fastify backend-for-frontend that holds the tokens.',
    load: () => import('./content/templates/react-spa.mdx'),
  },
  {
    path: '/templates/script/',
    title: 'Node script',
    section: 'Templates',
    description:
      'A command-line script for your own account with a loopback login on http://localhost:8085/.',
    load: () => import('./content/templates/script.mdx'),
  },
  {
    path: '/many-instances/',
    title: 'Many instances: Redis',
    section: 'Templates',
    description:
      'Share tokens, logins, the refresh lock and sessions between instances with REDIS_URL or @kit/redis-store: no sticky sessions.',
    load: () => import('./content/many-instances.mdx'),
  },
  {
    path: '/mock/',
    title: 'The Pinterest mock',
    section: 'Templates',
    description: '@kit/pinterest-mock: a local Pinterest for development and tests, with a control plane.',
    load: () => import('./content/mock.mdx'),
  },
  {
    path: '/tools/redirect-uri-checker/',
    title: 'Redirect URI checker',
    section: 'Tools',
    description:
      'Paste your registered URIs and the one your app sends: verdict, character diff and likely cause.',
    load: () => import('./content/tools/redirect-uri-checker.mdx'),
  },
  {
    path: '/tools/consent-url-builder/',
    title: 'Consent URL builder',
    section: 'Tools',
    description: 'Build the consent page URL from an App ID, a redirect URI and the scopes you pick.',
    load: () => import('./content/tools/consent-url-builder.mdx'),
  },
  {
    path: '/tools/scope-finder/',
    title: 'Scope finder',
    section: 'Tools',
    description:
      'Pick the API endpoints you will call and get the scopes you need, from Pinterest’s OpenAPI file.',
    load: () => import('./content/tools/scope-finder.mdx'),
  },
  {
    path: '/tools/token-inspector/',
    title: 'Token response inspector',
    section: 'Tools',
    description:
      'Paste a token response: expiry dates, what to store and what to do next. Nothing leaves the page.',
    load: () => import('./content/tools/token-inspector.mdx'),
  },
  {
    path: '/reference/auth-core/',
    title: '@kit/auth-core reference',
    section: 'Reference',
    description:
      'Every export of @kit/auth-core with its signature and documentation, generated from the source.',
    load: () => import('./content/reference/auth-core.mdx'),
  },
  {
    path: '/reference/scopes/',
    title: 'Scopes',
    section: 'Reference',
    description: 'The 19 OAuth scopes and what each one grants, from Pinterest’s OpenAPI description.',
    load: () => import('./content/reference/scopes.mdx'),
  },
  {
    path: '/troubleshooting/',
    title: 'Troubleshooting',
    section: 'Reference',
    description:
      'Indexed by Pinterest error code and consent-page message: cause and fix of each, and of every doctor check.',
    load: () => import('./content/troubleshooting.mdx'),
  },
  ...API_PAGES,
];

/** Finds the page for a URL path (with or without the trailing slash). */
export function pageFor(path: string): PageInfo | undefined {
  const normalised = path.endsWith('/') ? path : `${path}/`;
  return PAGES.find((p) => p.path === normalised);
}

export const SITE_NAME = 'Pinterest App Kit';

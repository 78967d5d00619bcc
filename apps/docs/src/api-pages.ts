/**
 * The generated Pinterest API reference: one page per resource group (plugins/api-spec.ts lists the
 * groups). Kept apart from pages.ts, which spreads this list at its end.
 */
import type { PageInfo } from './pages.ts';

const section = 'Pinterest API';

export const API_PAGES: PageInfo[] = [
  {
    path: '/reference/api/pins-and-boards/',
    title: 'Pins and boards',
    section,
    description:
      'Every Pin, board, board section, media upload and search operation: parameters, scopes, fields, typed calls.',
    load: () => import('./content/reference/api/pins-and-boards.mdx'),
  },
  {
    path: '/reference/api/user-account/',
    title: 'User account',
    section,
    description:
      'The logged-in account: profile, followers, following, analytics; parameters, scopes, fields, typed calls.',
    load: () => import('./content/reference/api/user-account.mdx'),
  },
  {
    path: '/reference/api/ads/',
    title: 'Ads and campaigns',
    section,
    description:
      'Ad accounts, campaigns, ad groups, ads, keywords, targeting and bulk jobs: every operation with a typed call.',
    load: () => import('./content/reference/api/ads.mdx'),
  },
  {
    path: '/reference/api/billing/',
    title: 'Billing',
    section,
    description:
      'Billing profiles, budgets and order lines of ad accounts: every operation with a typed call.',
    load: () => import('./content/reference/api/billing.mdx'),
  },
  {
    path: '/reference/api/audiences/',
    title: 'Audiences',
    section,
    description:
      'Audiences, customer lists, audience sharing and insights: every operation with a typed call.',
    load: () => import('./content/reference/api/audiences.mdx'),
  },
  {
    path: '/reference/api/conversions-and-leads/',
    title: 'Conversions and leads',
    section,
    description:
      'Conversion tags and events, lead forms, lead ads and lead exports: every operation with a typed call.',
    load: () => import('./content/reference/api/conversions-and-leads.mdx'),
  },
  {
    path: '/reference/api/catalogs/',
    title: 'Catalogs',
    section,
    description: 'Catalogs, feeds, items, product groups and reports: every operation with a typed call.',
    load: () => import('./content/reference/api/catalogs.mdx'),
  },
  {
    path: '/reference/api/business-access/',
    title: 'Business access',
    section,
    description: 'Business members, partners, assets and invitations: every operation with a typed call.',
    load: () => import('./content/reference/api/business-access.mdx'),
  },
  {
    path: '/reference/api/integrations-and-oauth/',
    title: 'Integrations and OAuth',
    section,
    description:
      'Integrations, notifications and the OAuth token endpoints: every operation with a typed call.',
    load: () => import('./content/reference/api/integrations-and-oauth.mdx'),
  },
];

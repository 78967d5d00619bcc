import type { MockApp } from './types.js';

/** Port the CLI listens on by default. */
export const DEFAULT_PORT = 8765;

/**
 * The app every template is configured for out of the box; its redirect URIs are the templates' defaults
 * (fastify, react-spa dev and production, script).
 */
export const DEFAULT_APP: Readonly<MockApp> = Object.freeze({
  appId: '1000001',
  appSecret: 'mock-app-secret',
  name: 'Pinterest App Kit (mock)',
  redirectUris: [
    'http://localhost:3000/auth/callback',
    'http://localhost:5173/auth/callback',
    'http://localhost:3001/auth/callback',
    'http://localhost:8085/',
  ],
});

/** Access tokens live 30 days. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 2_592_000;
/** Refresh tokens live 60 days, renewed on each refresh ("continuous refresh"). */
export const REFRESH_TOKEN_LIFETIME_SECONDS = 5_184_000;
/** Authorization codes must be exchanged within 10 minutes. */
export const CODE_LIFETIME_SECONDS = 600;

/** The 19 OAuth scopes and their meanings, as in openapi-v5.json `components.securitySchemes`. */
export const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = Object.freeze({
  'ads:read': 'See all of your advertising data, including ads, ad groups, campaigns etc.',
  'ads:write': 'Create, update, or delete ads, ad groups, campaigns etc.',
  'billing:read': 'See all of your billing data, billing profile, etc.',
  'billing:write': 'Create, update, or delete billing data, billing profiles, etc.',
  'biz_access:read': 'See business access data',
  'biz_access:write': 'Create, update, or delete business access data',
  'boards:read': 'See your public boards, including group boards you join',
  'boards:read_secret': 'See your secret boards',
  'boards:write': 'Create, update, or delete your public boards',
  'boards:write_secret': 'Create, update, or delete your secret boards',
  'catalogs:read': 'See all of your catalogs data',
  'catalogs:write': 'Create, update, or delete your catalogs data',
  'msot:write': 'Create measurement source of truth events',
  'pins:read': 'See your public Pins',
  'pins:read_secret': 'See your secret Pins',
  'pins:write': 'Create, update, or delete your public Pins',
  'pins:write_secret': 'Create, update, or delete your secret Pins',
  'user_accounts:read': 'See your user accounts and followers',
  'user_accounts:write': 'Update your user accounts and followers',
});

/** Pinterest's error messages, as its API sends them (the text is not a contract: branch on status/code). */
export const MESSAGES = {
  authFailed: 'Authentication failed.',
  missingScope:
    'Your token does not have sufficient permissions to perform this operation. Please ensure your token is authorized with the correct set of scopes.',
  notPermitted: 'You are not permitted to access that resource.',
  rateLimited: 'You have exceeded your rate limit. Try again later.',
  missingBody: 'Missing request body',
} as const;

/**
 * Largest request body the API hosts read (50 MB: room for a carousel of base64 images). Bigger bodies are
 * refused with 413 after at most this many bytes; Pinterest documents no figure.
 */
export const MAX_API_BODY_BYTES = 50 * 1024 * 1024;

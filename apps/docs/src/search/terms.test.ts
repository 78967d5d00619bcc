import { describe, expect, it } from 'vitest';
import { processTerm, stem, tokenize } from './terms.ts';

describe('search terms', () => {
  it.each([
    ['rotation', 'rotate'],
    ['rotating', 'rotates'],
    ['tokens', 'token'],
    ['refreshing', 'refresh'],
    ['refreshed', 'refresh'],
    ['revoked', 'revoke'],
    ['boards', 'board'],
    ['libraries', 'library'],
    ['expires', 'expire'],
    ['instances', 'instance'],
  ])('%s and %s meet at one stem', (a, b) => {
    expect(stem(a)).toBe(stem(b));
  });

  it('leaves short words, numbers and token prefixes alone', () => {
    for (const word of ['pina', 'pinr', '429', 'oauth2', 'uri', 'wsl']) expect(stem(word)).toBe(word);
  });

  it('drops stop words and lower-cases', () => {
    expect(processTerm('How')).toBeNull();
    expect(processTerm('Tokens')).toBe('token');
  });

  it('splits on punctuation but keeps snake_case names whole', () => {
    expect(tokenize('X-RateLimit-Reset, grant_type=refresh_token')).toEqual([
      'X',
      'RateLimit',
      'Reset',
      'grant_type',
      'refresh_token',
    ]);
  });
});

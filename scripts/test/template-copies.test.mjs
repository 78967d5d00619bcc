// Files each template carries its own copy of (a generated app stands alone) must stay the same copy: a fix made
// in one template reaches the others only if this test says where.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

const COPIES = {
  'the Chromium launcher': [
    'templates/fastify/test/chromium.ts',
    'templates/react-spa/test/helpers/chromium.ts',
    'templates/script/test/chromium.ts',
  ],
  'the image type check (JPEG or PNG by their first bytes)': [
    'templates/fastify/src/image-type.ts',
    'templates/react-spa/server/image-type.ts',
    'templates/script/src/image-type.ts',
  ],
};

describe('files the templates carry in several copies', () => {
  for (const [what, paths] of Object.entries(COPIES)) {
    it(`${what} is identical in ${paths.length} templates`, () => {
      const [first, ...others] = paths.map((path) => ({ path, text: readFileSync(root + path, 'utf8') }));
      for (const other of others) {
        expect(other.text, `${other.path} differs from ${first.path}: copy one over the other`).toBe(
          first.text,
        );
      }
    });
  }
});

// Compile-time promises of the typed client, checked by `tsc --noEmit` (the package's typecheck) and never run:
// an unused @ts-expect-error (a call that should fail but compiles) fails the typecheck.
import { expectTypeOf } from 'vitest';
import type { ListItem, ListPath, PinterestClient, PinterestSchemas } from '../../src/index.js';

declare const client: PinterestClient;
export function typeChecks(): void {
  expectTypeOf(client.get('/user_account')).resolves.toEqualTypeOf<PinterestSchemas['Account']>();
  expectTypeOf<ListItem<'/boards/{board_id}/pins'>>().toEqualTypeOf<PinterestSchemas['Pin']>();
  expectTypeOf<ListItem<'/boards'>>().toEqualTypeOf<PinterestSchemas['Board']>();
  expectTypeOf<'/user_account'>().not.toExtend<ListPath>();
  expectTypeOf(client.paginate('/pins')).toEqualTypeOf<AsyncIterable<PinterestSchemas['Pin']>>();
  // @ts-expect-error — not a v5 path
  void client.get('/boardz');
  // @ts-expect-error — the path parameter is missing
  void client.get('/boards/{board_id}/pins', { query: { page_size: 10 } });
  // @ts-expect-error — `colour` is not a field of the board to create
  void client.post('/boards', { body: { name: 'x', colour: 'red' } });
  // @ts-expect-error — accounts have no email
  void client.get('/user_account').then((account) => account.email);
  // @ts-expect-error — not a list operation
  void client.paginate('/user_account');
}

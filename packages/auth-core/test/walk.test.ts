// A walk of 10,000 Pins through `paginate` against the mock with its rate limits on: 40 requests of 250 and
// not a single 429, the pacer waiting for the window's reset instead (on the mock's clock).
import { DEFAULT_APP, type PinterestMock, startPinterestMock } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFor, login } from './helpers.js';

const BOARD = '7000000000000000001';
let mock: PinterestMock;
const waits: number[] = [];

beforeAll(async () => {
  mock = await startPinterestMock({
    autoApprove: 'walker',
    apps: [{ ...DEFAULT_APP }],
    users: [
      {
        id: '1000000000000000077',
        username: 'walker',
        boards: [
          {
            id: BOARD,
            name: 'Ten thousand Pins',
            pins: Array.from({ length: 10_000 }, (_, i) => ({
              id: `9${String(i).padStart(17, '0')}`,
              title: `#${i}`,
            })),
          },
        ],
      },
    ],
    // 15 organic reads a minute: the walk's 40 pages need three windows.
    rateLimits: { limits: { org_read: 15 } },
  });
});
afterAll(() => mock.close());

describe('a walk of 10,000 Pins', () => {
  it('takes 40 requests of 250 and draws no 429 with the rate limits on', async () => {
    const auth = authFor(mock, {
      sleep: async (ms) => {
        waits.push(ms);
        mock.control.advanceClock(ms / 1000); // waits happen on the mock's clock
      },
    });
    const { key } = await login(auth);
    const ids = new Set<string>();
    for await (const pin of auth
      .client(key)
      .paginate('/boards/{board_id}/pins', { path: { board_id: BOARD } })) {
      ids.add(pin.id ?? '');
    }
    expect(ids.size).toBe(10_000);
    const pages = mock.control.requests().filter((r) => r.path === `/v5/boards/${BOARD}/pins`);
    expect(pages).toHaveLength(40);
    expect(pages.every((r) => r.query.page_size === '250')).toBe(true);
    const statuses = mock.control.requests().map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(0);
    // It did have to wait: 40 pages at 15 a minute is two waits for a reset.
    expect(waits.length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});

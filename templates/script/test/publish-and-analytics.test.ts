/**
 * The publishing and analytics commands against the mock: a video Pin through the whole media flow (register,
 * upload without the bearer token, processing, Pin), Pins from a local image and a URL, a failed processing,
 * a login without pins:write (exit 3, "grant"), `board copy` of a board with sections, `analytics` and
 * `--top-pins` against the seed, `report` to a CSV whose rows match the synchronous analytics, `--json`
 * parseable on each. The video Pin and the failed processing run the real CLI as a process (its exit status and
 * standard streams); the other cases call the same `runCli` in this process, as cli.test.ts does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PinterestMock, SEED_USERS } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, freePort, httpBrowser, run, runProcess, startMock, tempDir } from './helpers.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const WRITE_SCOPES = 'user_accounts:read,boards:read,pins:read,pins:write,boards:write,ads:read';
const ALICE = SEED_USERS[0];
const FIRST_BOARD = ALICE?.boards?.[0]?.id ?? '';
const AD_ACCOUNT = '549755885175';

let mock: PinterestMock;
let temp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
let readOnlyEnv: NodeJS.ProcessEnv;
let accessToken: string;

async function loginWith(
  tokenFile: string,
  redirectUri: string,
  scopes?: string,
): Promise<NodeJS.ProcessEnv> {
  const loginEnv = cliEnv(mock, redirectUri, tokenFile);
  const browser = httpBrowser('allow');
  const result = await run(['login', ...(scopes ? ['--scopes', scopes] : [])], {
    env: loginEnv,
    openUrl: browser.openUrl,
  });
  expect(result.code, result.err).toBe(0);
  return { PATH: process.env.PATH ?? '', HOME: temp.dir, ...loginEnv };
}

/** The API as a test client would call it, with the token the CLI stored. */
async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${mock.apiUrl}/v5${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** The CLI in this process, with the environment a process would get. */
const cli = (args: string[], withEnv = env) => run(args, { env: withEnv });
/** The real CLI as a process (`node --import tsx src/cli.ts`) in the temp folder. */
const cliProcess = (args: string[], withEnv = env) => runProcess(args, withEnv, temp.dir);

beforeAll(async () => {
  const redirectUri = `http://localhost:${await freePort()}/`;
  mock = await startMock(redirectUri);
  mock.control.setMediaProcessingSeconds(2);
  mock.control.setReportProcessingSeconds(1);
  temp = tempDir();
  const tokenFile = join(temp.dir, 'config', 'tokens.json');
  // Read-only first: Pinterest adds a later consent's scopes to the user's grant, not to older tokens.
  readOnlyEnv = await loginWith(join(temp.dir, 'read-only', 'tokens.json'), redirectUri);
  env = await loginWith(tokenFile, redirectUri, WRITE_SCOPES);
  const stored = JSON.parse(readFileSync(tokenFile, 'utf8')) as {
    accounts: Record<string, { record: { accessToken: string } }>;
  };
  accessToken = Object.values(stored.accounts)[0]?.record.accessToken ?? '';
});
afterAll(async () => {
  await mock?.close();
  temp?.cleanup();
});

const pinIdOf = (url: string) => /\/pin\/(\d+)\/$/.exec(url.trim())?.[1] ?? '';

describe('pin create', () => {
  it('a video Pin through the whole media flow: progress bar, processing spinner, the new Pin’s URL', async () => {
    const video = join(temp.dir, 'clip.mp4');
    writeFileSync(video, Buffer.alloc(300_000, 7));
    const since = mock.control.requests().length;
    const result = await cliProcess([
      'pin',
      'create',
      '--board',
      FIRST_BOARD,
      '--video',
      video,
      '--title',
      'Clip',
    ]);
    expect(result.code, result.err).toBe(0);
    expect(result.out.trim()).toMatch(new RegExp(`^${mock.oauthUrl}/pin/\\d+/$`));
    expect(result.err).toMatch(/Uploading .*clip\.mp4 \[#{24}\] 100% \(0\.3 MB of 0\.3 MB\)/);
    expect(result.err).toContain('Pinterest is processing the video');
    expect(result.err).toContain('Pinterest processed the video');

    const requests = mock.control.requests().slice(since);
    const paths = requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain('POST /v5/media');
    expect(paths.some((p) => /^GET \/v5\/media\/\d+/.test(p))).toBe(true);
    const upload = requests.find((r) => !r.path.startsWith('/v5/'));
    expect(upload?.headers.authorization).toBeUndefined();
    expect(Number(upload?.headers['content-length'])).toBeGreaterThan(300_000);

    const pin = await api<{ board_id: string; media: { media_type: string } }>(
      `/pins/${pinIdOf(result.out)}`,
    );
    expect(pin.board_id).toBe(FIRST_BOARD);
    expect(pin.media.media_type).toBe('video');
  });

  it('a local image goes up as image_base64 into a section; --json prints the Pin with its url', async () => {
    const image = join(temp.dir, 'photo.png');
    writeFileSync(image, PNG);
    const section = ALICE?.boards?.[0]?.sections?.[0]?.id ?? '';
    const result = await cli([
      'pin',
      'create',
      '--board',
      FIRST_BOARD,
      '--section',
      section,
      '--image',
      image,
      '--title',
      'Photo',
      '--alt-text',
      'A red dot',
      '--link',
      'https://example.com/dot',
      '--json',
    ]);
    expect(result.code, result.err).toBe(0);
    const pin = JSON.parse(result.out) as {
      id: string;
      url: string;
      board_section_id: string;
      alt_text: string;
    };
    expect(pin.url).toBe(`${mock.oauthUrl}/pin/${pin.id}/`);
    expect(pin.board_section_id).toBe(section);
    expect(pin.alt_text).toBe('A red dot');
    const created = mock.control.requests().find((r) => r.method === 'POST' && r.path === '/v5/pins');
    expect(created).toBeDefined();
    const onBoard = await api<{ items: { id: string }[] }>(`/boards/${FIRST_BOARD}/sections/${section}/pins`);
    expect(onBoard.items.map((p) => p.id)).toContain(pin.id);
  });

  it('an image URL becomes an image_url Pin', async () => {
    const result = await cli([
      'pin',
      'create',
      '--board',
      FIRST_BOARD,
      '--image-url',
      `${mock.url}/_images/a.png`,
    ]);
    expect(result.code, result.err).toBe(0);
    const pin = await api<{ board_id: string; media: { media_type: string } }>(
      `/pins/${pinIdOf(result.out)}`,
    );
    expect(pin.media.media_type).toBe('image');
  });

  it('a failed processing is one friendly line and exit 4', async () => {
    mock.control.failNextMediaUploads(1);
    // The failure is what counts here, not the wait before it: the first poll already sees it.
    mock.control.setMediaProcessingSeconds(0);
    const video = join(temp.dir, 'broken.mp4');
    writeFileSync(video, Buffer.alloc(1000, 1));
    const result = await cliProcess(['pin', 'create', '--board', FIRST_BOARD, '--video', video]).finally(() =>
      mock.control.setMediaProcessingSeconds(2),
    );
    expect(result.code).toBe(4);
    expect(result.out).toBe('');
    expect(result.err.trim().split('\n').at(-1)).toMatch(/^✗ .*media/i);
    expect(result.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('a file that is not JPEG/PNG, or missing, is exit 2 naming the file', async () => {
    const text = join(temp.dir, 'notes.png');
    writeFileSync(text, 'not an image');
    const wrong = await cli(['pin', 'create', '--board', FIRST_BOARD, '--image', text]);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain(`--image ${text}: not a JPEG or PNG`);
    const missing = await cli([
      'pin',
      'create',
      '--board',
      FIRST_BOARD,
      '--video',
      join(temp.dir, 'nope.mp4'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file');
  });

  it('least privilege: a read-only login is told to grant pins:write (exit 3), no request is sent', async () => {
    const since = mock.control.requests().length;
    const result = await cli(
      ['pin', 'create', '--board', FIRST_BOARD, '--image-url', 'https://example.com/a.jpg'],
      readOnlyEnv,
    );
    expect(result.code).toBe(3);
    expect(result.err).toContain(
      '✗ Grant boards:write (to create boards and sections), pins:write (to publish Pins): your login did not include them.',
    );
    expect(result.err).toContain(
      'npm run login -- --scopes user_accounts:read,boards:read,pins:read,boards:write,pins:write',
    );
    expect(result.err).not.toMatch(/\n\s+at /);
    expect(
      mock.control
        .requests()
        .slice(since)
        .filter((r) => r.path === '/v5/pins'),
    ).toHaveLength(0);
  });
});

describe('board copy', () => {
  it('copies a board with its sections and Pins (each in its matching section), with progress', async () => {
    const result = await cli(['board', 'copy', FIRST_BOARD, '--to-name', 'Recipes copy', '--json']);
    expect(result.code, result.err).toBe(0);
    const copy = JSON.parse(result.out) as {
      board: { id: string; name: string };
      sections: number;
      pins: number;
    };
    expect(copy.board.name).toBe('Recipes copy');
    expect(result.err).toContain('Saving Pins [########################] 100%');

    type Section = { id: string; name: string };
    const sourceSections = await api<{ items: Section[] }>(`/boards/${FIRST_BOARD}/sections`);
    const copySections = await api<{ items: Section[] }>(`/boards/${copy.board.id}/sections`);
    expect(copySections.items.map((s) => s.name)).toEqual(sourceSections.items.map((s) => s.name));
    expect(copy.sections).toBe(sourceSections.items.length);
    expect(copy.sections).toBeGreaterThan(0);
    for (const [i, section] of sourceSections.items.entries()) {
      const from = await api<{ items: { title: string }[] }>(
        `/boards/${FIRST_BOARD}/sections/${section.id}/pins`,
      );
      const to = await api<{ items: { title: string }[] }>(
        `/boards/${copy.board.id}/sections/${copySections.items[i]?.id}/pins`,
      );
      expect(to.items.map((p) => p.title).sort()).toEqual(from.items.map((p) => p.title).sort());
    }
    const board = await api<{ pin_count: number }>(`/boards/${copy.board.id}`);
    expect(board.pin_count).toBe(copy.pins);
    const sourceBoard = await api<{ pin_count: number }>(`/boards/${FIRST_BOARD}`);
    expect(copy.pins).toBe(sourceBoard.pin_count);
  });
});

describe('analytics', () => {
  type Answer = {
    all: {
      daily_metrics: { date: string; metrics: Record<string, number> }[];
      summary_metrics: Record<string, number>;
    };
  };

  it('--json: the seed’s daily numbers for the last 30 days; text: a table with a sparkline per metric', async () => {
    const json = await cli(['analytics', '--json']);
    expect(json.code, json.err).toBe(0);
    const parsed = JSON.parse(json.out) as {
      start_date: string;
      end_date: string;
      metrics: Record<string, { total: number; daily: { date: string; value: number }[] }>;
    };
    expect(Object.keys(parsed.metrics)).toEqual(['IMPRESSION', 'SAVE', 'PIN_CLICK', 'OUTBOUND_CLICK']);
    const seed = await api<Answer>(
      `/user_account/analytics?start_date=${parsed.start_date}&end_date=${parsed.end_date}&metric_types=IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK`,
    );
    expect(seed.all.daily_metrics).toHaveLength(30);
    for (const metric of Object.keys(parsed.metrics)) {
      expect(parsed.metrics[metric]?.total).toBe(seed.all.summary_metrics[metric]);
      expect(parsed.metrics[metric]?.daily.map((d) => d.value)).toEqual(
        seed.all.daily_metrics.map((d) => d.metrics[metric]),
      );
    }

    const text = await cli(['analytics', '--days', '7', '--metrics', 'IMPRESSION,SAVE']);
    expect(text.code, text.err).toBe(0);
    const lines = text.out.trim().split('\n');
    expect(lines[2]).toMatch(/^Metric\s+Total\s+Per day\s+Best day\s+Daily$/);
    const impressions = lines.find((l) => l.startsWith('IMPRESSION')) ?? '';
    expect(impressions).toMatch(/[▁▂▃▄▅▆▇█]{7}$/);
    const week = await api<Answer>(
      `/user_account/analytics?start_date=${lines[0]?.match(/\d{4}-\d{2}-\d{2}/)?.[0]}&end_date=${parsed.end_date}&metric_types=IMPRESSION`,
    );
    expect(impressions).toContain((week.all.summary_metrics.IMPRESSION ?? -1).toLocaleString('en-US'));
  });

  it('--top-pins ranks Pins by the first metric', async () => {
    const result = await cli([
      'analytics',
      '--top-pins',
      '--metrics',
      'SAVE,IMPRESSION',
      '--limit',
      '5',
      '--json',
    ]);
    expect(result.code, result.err).toBe(0);
    const parsed = JSON.parse(result.out) as {
      sort_by: string;
      pins: { pin_id: string; metrics: { SAVE: number } }[];
    };
    expect(parsed.sort_by).toBe('SAVE');
    expect(parsed.pins).toHaveLength(5);
    const saves = parsed.pins.map((p) => p.metrics.SAVE);
    expect([...saves].sort((a, b) => b - a)).toEqual(saves);
  });
});

describe('report', () => {
  it('writes a CSV whose rows match the ad account analytics of the same days', async () => {
    const out = join(temp.dir, 'report.csv');
    const result = await cli([
      'report',
      '--ad-account',
      AD_ACCOUNT,
      '--days',
      '7',
      '--columns',
      'SPEND_IN_DOLLAR,TOTAL_IMPRESSION',
      '--out',
      out,
    ]);
    expect(result.code, result.err).toBe(0);
    expect(result.err).toContain('Pinterest is preparing the report');
    expect(result.err).toContain(`Wrote ${out}.`);
    const [header, ...rows] = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(header).toBe('AD_ACCOUNT_ID,DATE,SPEND_IN_DOLLAR,TOTAL_IMPRESSION');
    expect(rows).toHaveLength(7);
    const dates = rows.map((r) => r.split(',')[1]);
    const sync = await api<Record<string, string | number>[]>(
      `/ad_accounts/${AD_ACCOUNT}/analytics?start_date=${dates[0]}&end_date=${dates.at(-1)}&columns=SPEND_IN_DOLLAR,TOTAL_IMPRESSION&granularity=DAY`,
    );
    expect(rows).toEqual(
      sync.map((row) => [AD_ACCOUNT, row.DATE, row.SPEND_IN_DOLLAR, row.TOTAL_IMPRESSION].join(',')),
    );
  });

  it('--json prints the rows; a failed report is exit 4', async () => {
    const json = await cli([
      'report',
      '--ad-account',
      AD_ACCOUNT,
      '--days',
      '3',
      '--columns',
      'SPEND_IN_DOLLAR',
      '--json',
    ]);
    expect(json.code, json.err).toBe(0);
    expect((JSON.parse(json.out) as { rows: unknown[] }).rows).toHaveLength(3);
    mock.control.failNextReports(1);
    mock.control.setReportProcessingSeconds(0);
    const failed = await cli(['report', '--ad-account', AD_ACCOUNT, '--columns', 'SPEND_IN_DOLLAR']).finally(
      () => mock.control.setReportProcessingSeconds(1),
    );
    expect(failed.code).toBe(4);
    expect(failed.err.trim().split('\n').at(-1)).toMatch(/^✗ /);
  });

  it('a read-only login is told to grant ads:read (exit 3)', async () => {
    const result = await cli(
      ['report', '--ad-account', AD_ACCOUNT, '--columns', 'SPEND_IN_DOLLAR'],
      readOnlyEnv,
    );
    expect(result.code).toBe(3);
    expect(result.err).toContain('✗ Grant ads:read (to read ads reports)');
    // The login's own scopes plus the missing one: granting ads:read drops nothing.
    expect(result.err).toContain(
      'npm run login -- --scopes user_accounts:read,boards:read,pins:read,ads:read',
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PinterestMock, startPinterestMock } from '../src/index.js';
import { api, EVERY_SCOPE, login } from './support/client.js';

let mock: PinterestMock;
beforeAll(async () => {
  mock = await startPinterestMock({ autoApprove: 'alice' });
});
afterAll(async () => {
  await mock.close();
});

function control(method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${mock.url}/_mock${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('the control plane’s media, report and ad account knobs over HTTP', () => {
  it('sets processing times, fails the next upload and report, adds an ad account; explains bad input', async () => {
    mock.control.reset();
    expect((await control('PUT', '/media/processing-time', { seconds: 10 })).status).toBe(200);
    expect((await control('POST', '/media/fail-next', {})).status).toBe(200);
    expect((await control('PUT', '/reports/processing-time', { seconds: 20 })).status).toBe(200);
    expect((await control('POST', '/reports/fail-next', { count: 1 })).status).toBe(200);
    expect(
      (await control('POST', '/users/alice/ad-accounts', { id: '549755880001', name: 'Second' })).status,
    ).toBe(200);
    const token = (await login(mock, { scope: EVERY_SCOPE })).access_token;

    const media = await api<{
      media_id: string;
      upload_url: string;
      upload_parameters: Record<string, string>;
    }>(mock, 'POST', '/v5/media', token, { media_type: 'video' });
    const form = new FormData();
    for (const [name, value] of Object.entries(media.body.upload_parameters)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(8)]), 'clip.mp4');
    expect((await fetch(media.body.upload_url, { method: 'POST', body: form })).status).toBe(204);
    mock.control.advanceClock(9);
    expect(
      (await api<{ status: string }>(mock, 'GET', `/v5/media/${media.body.media_id}`, token)).body.status,
    ).toBe('processing');
    mock.control.advanceClock(2);
    expect(
      (await api<{ status: string }>(mock, 'GET', `/v5/media/${media.body.media_id}`, token)).body.status,
    ).toBe('failed');

    const report = await api<{ token: string }>(mock, 'POST', '/v5/ad_accounts/549755880001/reports', token, {
      start_date: new Date(mock.control.now() - 2 * 86_400_000).toISOString().slice(0, 10),
      end_date: new Date(mock.control.now() - 86_400_000).toISOString().slice(0, 10),
      granularity: 'DAY',
      level: 'ADVERTISER',
      columns: ['SPEND_IN_DOLLAR'],
    });
    expect(report.status).toBe(200);
    const poll = `/v5/ad_accounts/549755880001/reports?token=${report.body.token}`;
    mock.control.advanceClock(19);
    expect((await api<{ report_status: string }>(mock, 'GET', poll, token)).body.report_status).toBe(
      'IN_PROGRESS',
    );
    mock.control.advanceClock(2);
    expect((await api<{ report_status: string }>(mock, 'GET', poll, token)).body.report_status).toBe(
      'FAILED',
    );

    const bad = await control('PUT', '/media/processing-time', { seconds: -1 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/seconds/);
    const nobody = await control('POST', '/users/nobody/ad-accounts', { name: 'x' });
    expect(nobody.status).toBe(400);
  });
});

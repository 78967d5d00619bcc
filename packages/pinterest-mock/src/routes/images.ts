import type { FastifyInstance } from 'fastify';
import type { MockWorld } from '../world.js';

const SIZES: Record<string, [number, number]> = {
  '150x150': [150, 150],
  '400x300': [400, 300],
  '600x': [600, 800],
  '1200x': [1200, 1600],
  avatar: [150, 150],
};

function escapeXml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The mock's favicon: a red disc with a white "P", marked as a mock by its dashed ring. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#c8001e" stroke="#111" stroke-width="1.5" stroke-dasharray="3 2"/><text x="16" y="22" fill="#fff" font-family="sans-serif" font-size="17" font-weight="700" text-anchor="middle">P</text></svg>`;

/**
 * Placeholder images for the seeded Pins and avatars (`i.pinimg.com` is out of reach offline): a
 * coloured SVG with the Pin's title, so templates render something real.
 */
export async function imageRoutes(app: FastifyInstance, opts: { state: MockWorld }): Promise<void> {
  for (const path of ['/favicon.svg', '/favicon.ico']) {
    app.get(path, async (_request, reply) =>
      reply
        .header('content-type', 'image/svg+xml')
        .header('cache-control', 'public, max-age=86400')
        .send(FAVICON),
    );
  }

  app.get<{ Params: { size: string; file: string } }>('/media/:size/:file', async (request, reply) => {
    const size = SIZES[request.params.size];
    const id = request.params.file.replace(/\.svg$/, '');
    if (!size || !/^\d+$/.test(id)) return reply.code(404).send({ code: 404, message: 'Image not found.' });
    const pin =
      opts.state.stores.production.pins.get(id)?.json ?? opts.state.stores.sandbox.pins.get(id)?.json;
    const user = opts.state.findUser(id);
    const color = pin?.dominant_color ?? '#e60023';
    const label = pin?.title ?? user?.username ?? id;
    const [width, height] = size;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="${escapeXml(color)}"/><text x="50%" y="50%" fill="#fff" font-family="sans-serif" font-size="${Math.round(width / 12)}" text-anchor="middle">${escapeXml(label)}</text></svg>`;
    return reply
      .header('content-type', 'image/svg+xml')
      .header('cache-control', 'public, max-age=3600')
      .send(svg);
  });
}

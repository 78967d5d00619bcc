/**
 * `board copy <id>`: a new board with the same description and privacy, the same sections (by name) and the
 * same Pins, each saved into the matching section (`POST /pins/{pin_id}/save`, so videos and carousels copy
 * too). Sequential on purpose: auth-core paces the calls by the rate-limit headers.
 */
import type { PinterestClient } from '@kit/auth-core';
import type { Progress } from './progress.js';

export interface BoardCopyIo {
  out(text: string): void;
  progress: Progress;
  json: boolean;
}

export async function boardCopy(
  client: PinterestClient,
  boardId: string,
  toName: string | undefined,
  io: BoardCopyIo,
): Promise<number> {
  const source = await client.get('/boards/{board_id}', { path: { board_id: boardId } });
  const sections = [];
  for await (const section of client.paginate('/boards/{board_id}/sections', { path: { board_id: boardId } }))
    sections.push(section);
  const pins = [];
  for await (const pin of client.paginate('/boards/{board_id}/pins', { path: { board_id: boardId } }))
    pins.push(pin);
  io.progress.step(
    `Copying "${source.name}": ${sections.length} section${sections.length === 1 ? '' : 's'}, ${pins.length} Pin${pins.length === 1 ? '' : 's'}.`,
  );

  const board = await client.post('/boards', {
    body: {
      name: toName ?? `${source.name} (copy)`,
      ...(source.description ? { description: source.description } : {}),
      privacy: source.privacy ?? 'PUBLIC',
      is_ads_only: false,
    },
  });
  io.progress.step(`Created board ${board.id} "${board.name}".`);

  const sectionIds = new Map<string, string>();
  for (const section of sections) {
    const created = await client.post('/boards/{board_id}/sections', {
      path: { board_id: board.id },
      body: { name: section.name ?? 'Section' },
    });
    if (section.id && created.id) sectionIds.set(section.id, created.id);
  }
  if (sections.length)
    io.progress.step(`Created ${sections.length} section${sections.length === 1 ? '' : 's'}.`);

  const count = (done: number, total: number) => `${done} of ${total} Pins`;
  io.progress.bar('Saving Pins', 0, pins.length, count);
  let done = 0;
  for (const pin of pins) {
    const section = pin.board_section_id ? sectionIds.get(pin.board_section_id) : undefined;
    await client.post('/pins/{pin_id}/save', {
      path: { pin_id: pin.id },
      body: { board_id: board.id, ...(section ? { board_section_id: section } : {}) },
    });
    io.progress.bar('Saving Pins', ++done, pins.length, count);
  }
  io.progress.step(`Copied ${pins.length} Pin${pins.length === 1 ? '' : 's'} to board ${board.id}.`);
  const result = { board, sections: sectionIds.size, pins: pins.length };
  io.out(io.json ? `${JSON.stringify(result, null, 2)}\n` : `${board.id} ${board.name}\n`);
  return 0;
}

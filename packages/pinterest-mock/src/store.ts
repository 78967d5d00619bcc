import { AdsData } from './ads-data.js';
import { MediaUploads } from './media-uploads.js';
import { NewestFirstIds } from './newest-first-ids.js';
import type { BoardPrivacy, MockBoardSeed, MockPinSeed, MockUser } from './types.js';

/** A board as the API returns it (`Board` in openapi-v5.json). */
export interface BoardJson {
  id: string;
  name: string;
  description: string | null;
  owner: { username: string };
  privacy: BoardPrivacy;
  is_ads_only: boolean;
  created_at: string;
  board_pins_modified_at: string;
  collaborator_count: number;
  follower_count: number;
  pin_count: number;
  media: { image_cover_url: string | null; pin_thumbnail_urls: string[] };
}

/** A Pin as the API returns it (`Pin` in openapi-v5.json). */
export interface PinJson {
  id: string;
  created_at: string;
  link: string | null;
  title: string | null;
  description: string | null;
  dominant_color: string | null;
  alt_text: string | null;
  creative_type: 'REGULAR' | 'VIDEO' | 'CAROUSEL';
  board_id: string;
  board_section_id: string | null;
  board_owner: { username: string };
  is_owner: boolean;
  is_standard: boolean;
  has_been_promoted: boolean;
  parent_pin_id: string | null;
  media: PinMediaJson;
}

/** Pinterest's four image sizes (`ImageSize`). */
export type ImageSizes = Record<
  '150x150' | '400x300' | '600x' | '1200x',
  { width: number; height: number; url: string }
>;

/** What a Pin shows (`PinMedia`): one image, a video, or a carousel of images. */
export type PinMediaJson =
  | { media_type: 'image'; images: ImageSizes }
  | {
      media_type: 'video';
      images: ImageSizes;
      cover_image_url: string;
      video_url: string;
      duration: number;
      width: number;
      height: number;
    }
  | {
      media_type: 'multiple_images';
      items: {
        item_type: 'image';
        images: ImageSizes;
        title: string | null;
        description: string | null;
        link: string | null;
      }[];
    };

/** How a new Pin's media is made: the kind and, for a carousel, its slides. */
export type PinMediaPlan =
  | { kind: 'image' }
  | { kind: 'video'; durationSeconds: number }
  | { kind: 'carousel'; slides: { title?: string; description?: string; link?: string }[] };

/** A board section (`BoardSection`). */
export interface SectionRecord {
  json: { id: string; name: string };
  boardId: string;
}

interface UserRecord {
  seed: MockUser;
  boardIds: string[];
}

/** A board with its owner and its Pins, newest first. */
export interface BoardRecord {
  json: BoardJson;
  ownerId: string;
  /** The board's Pin ids, newest first (changed through `pins` only). */
  readonly pinIds: readonly string[];
  readonly pins: NewestFirstIds;
  sectionIds: string[];
}

/** A Pin with its owner. */
export interface PinRecord {
  json: PinJson;
  ownerId: string;
}

/** One page of a list, already serialised: the hot path sends the string as is. */
export interface CachedPage {
  body: string;
}

/** Pinterest prints dates without a zone or fraction: `2022-10-13T01:40:29`. */
export function pinterestDate(iso: string | number): string {
  return new Date(iso).toISOString().slice(0, 19);
}

/**
 * The accounts, boards and Pins of one environment (production and sandbox hold separate copies, as on
 * Pinterest). Lists are newest first; pages are cached as JSON strings until the next write.
 */
export class DataStore {
  readonly users = new Map<string, UserRecord>();
  readonly boards = new Map<string, BoardRecord>();
  readonly pins = new Map<string, PinRecord>();
  readonly sections = new Map<string, SectionRecord>();
  private readonly pageCache = new Map<string, CachedPage>();
  private nextId = 1n;

  /** Video uploads (`POST /v5/media`). */
  readonly media: MediaUploads;
  /** Ad accounts, campaigns, ad groups, ads and reports. */
  readonly ads: AdsData;

  constructor(
    private readonly mediaBase: () => string,
    idSeed: bigint,
    mediaSettings: { processingMs: number; failNext: number; maxUploadBytes: number },
    reportSettings: { processingMs: number; failNext: number },
  ) {
    this.nextId = idSeed;
    this.media = new MediaUploads(() => this.newId(), mediaSettings);
    // Ads ids: 12 digits, a distinct range per environment.
    this.ads = new AdsData(Number(idSeed / 10_000_000n), reportSettings);
  }

  /** A fresh numeric id (as a string, like every Pinterest id). */
  newId(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  seedUser(user: MockUser, now: number): void {
    const existing = this.users.get(user.id);
    if (existing) {
      for (const boardId of existing.boardIds) this.removeBoard(boardId);
    }
    const record: UserRecord = { seed: user, boardIds: [] };
    this.users.set(user.id, record);
    // Seeds are listed in the order given (already newest first); later writes go on top.
    for (const board of user.boards ?? []) {
      const created = this.addBoard(user.id, board, now, 'last');
      for (const section of board.sections ?? []) this.addSection(created.id, section.name, section.id);
      for (const pin of board.pins ?? []) this.addPin(user.id, created.id, pin, now, 'last');
    }
    const firstBoard = this.boards.get(record.boardIds[0] ?? '');
    this.ads.seedUser(user, now, firstBoard?.pinIds ?? []);
    this.pageCache.clear();
  }

  findUser(idOrName: string): MockUser | undefined {
    const byId = this.users.get(idOrName);
    if (byId) return byId.seed;
    for (const { seed } of this.users.values()) {
      if (seed.username === idOrName || seed.username === `mock_${idOrName}`) return seed;
    }
    return undefined;
  }

  /** Adds a board for `userId`, newest first. */
  addBoard(
    userId: string,
    seed: MockBoardSeed,
    now: number,
    position: 'first' | 'last' = 'first',
  ): BoardJson {
    const user = this.users.get(userId);
    if (!user) throw new Error(`unknown user ${userId}`);
    const id = seed.id ?? this.newId();
    const created = pinterestDate(seed.createdAt ?? now);
    const json: BoardJson = {
      id,
      name: seed.name,
      description: seed.description ?? null,
      owner: { username: user.seed.username },
      privacy: seed.privacy ?? 'PUBLIC',
      is_ads_only: false,
      created_at: created,
      board_pins_modified_at: created,
      collaborator_count: 0,
      follower_count: 0,
      pin_count: 0,
      media: { image_cover_url: null, pin_thumbnail_urls: [] },
    };
    const pins = new NewestFirstIds();
    this.boards.set(id, {
      json,
      ownerId: userId,
      pins,
      get pinIds() {
        return pins.list;
      },
      sectionIds: [],
    });
    if (position === 'first') user.boardIds.unshift(id);
    else user.boardIds.push(id);
    this.pageCache.clear();
    return json;
  }

  /** Adds a Pin to a board, newest first. */
  addPin(
    userId: string,
    boardId: string,
    seed: MockPinSeed,
    now: number,
    position: 'first' | 'last' = 'first',
    plan: PinMediaPlan = { kind: 'image' },
  ): PinJson {
    const board = this.boards.get(boardId);
    const user = this.users.get(userId);
    if (!board || !user) throw new Error(`unknown board ${boardId}`);
    const id = seed.id ?? this.newId();
    const sectionId = seed.sectionId ?? null;
    if (sectionId !== null && this.sections.get(sectionId)?.boardId !== boardId) {
      throw new Error(`section ${sectionId} is not on board ${boardId}`);
    }
    const json: PinJson = {
      id,
      created_at: pinterestDate(seed.createdAt ?? now),
      link: seed.link ?? null,
      title: seed.title ?? null,
      description: seed.description ?? null,
      dominant_color: seed.dominantColor ?? '#e60023',
      alt_text: seed.altText ?? null,
      creative_type: plan.kind === 'video' ? 'VIDEO' : plan.kind === 'carousel' ? 'CAROUSEL' : 'REGULAR',
      board_id: boardId,
      board_section_id: sectionId,
      board_owner: { username: user.seed.username },
      is_owner: true,
      is_standard: true,
      has_been_promoted: false,
      parent_pin_id: null,
      media: this.mediaOf(id, plan),
    };
    this.pins.set(id, { json, ownerId: userId });
    if (position === 'first') {
      board.pins.addNewest(id);
      board.json.board_pins_modified_at = json.created_at;
    } else {
      board.pins.addOldest(id);
      if (board.pins.length === 1) board.json.board_pins_modified_at = json.created_at;
    }
    this.refreshBoardMedia(board);
    this.pageCache.clear();
    return json;
  }

  /** Image URLs on the mock itself (`i.pinimg.com` is out of reach offline): `/media/<size>/<id>.svg`. */
  imageSizes(id: string): ImageSizes {
    const base = this.mediaBase();
    const image = (size: string, width: number, height: number) => ({
      width,
      height,
      url: `${base}/media/${size}/${id}.svg`,
    });
    return {
      '150x150': image('150x150', 150, 150),
      '400x300': image('400x300', 400, 300),
      '600x': image('600x', 600, 800),
      '1200x': image('1200x', 1200, 1600),
    };
  }

  private mediaOf(id: string, plan: PinMediaPlan): PinMediaJson {
    const images = this.imageSizes(id);
    if (plan.kind === 'video') {
      return {
        media_type: 'video',
        images,
        cover_image_url: images['1200x'].url,
        video_url: `${this.mediaBase()}/media/video/${id}.mp4`,
        duration: plan.durationSeconds,
        width: 1080,
        height: 1920,
      };
    }
    if (plan.kind === 'carousel') {
      return {
        media_type: 'multiple_images',
        items: plan.slides.map((slide, i) => ({
          item_type: 'image',
          images: this.imageSizes(i === 0 ? id : `${id}${i}`),
          title: slide.title ?? null,
          description: slide.description ?? null,
          link: slide.link ?? null,
        })),
      };
    }
    return { media_type: 'image', images };
  }

  /** The first image of a Pin, whatever its media. */
  private coverOf(pinId: string): ImageSizes | undefined {
    const media = this.pins.get(pinId)?.json.media;
    if (!media) return undefined;
    return media.media_type === 'multiple_images' ? media.items[0]?.images : media.images;
  }

  private refreshBoardMedia(board: BoardRecord): void {
    const newest = board.pins.newest(4);
    const thumbs = newest
      .map((pinId) => this.coverOf(pinId)?.['150x150'].url)
      .filter((url): url is string => typeof url === 'string');
    const first = newest[0];
    board.json.media = {
      image_cover_url: first ? (this.coverOf(first)?.['400x300'].url ?? null) : null,
      pin_thumbnail_urls: thumbs,
    };
    board.json.pin_count = board.pins.length;
  }

  private removeBoard(boardId: string): void {
    const board = this.boards.get(boardId);
    if (!board) return;
    for (const pinId of board.pinIds) this.pins.delete(pinId);
    for (const sectionId of board.sectionIds) this.sections.delete(sectionId);
    this.boards.delete(boardId);
  }

  /** Changes a board's name, description or privacy in place (`PATCH /v5/boards/{board_id}`). */
  updateBoard(
    boardId: string,
    changes: { name?: string; description?: string | null; privacy?: BoardPrivacy },
  ): BoardJson {
    const board = this.boards.get(boardId);
    if (!board) throw new Error(`unknown board ${boardId}`);
    if (changes.name !== undefined) board.json.name = changes.name;
    if (changes.description !== undefined) board.json.description = changes.description;
    if (changes.privacy !== undefined) board.json.privacy = changes.privacy;
    this.pageCache.clear();
    return board.json;
  }

  /** Deletes a board and every Pin on it (`DELETE /v5/boards/{board_id}`). */
  deleteBoard(boardId: string): void {
    const board = this.boards.get(boardId);
    if (!board) return;
    const owner = this.users.get(board.ownerId);
    if (owner) owner.boardIds = owner.boardIds.filter((id) => id !== boardId);
    this.removeBoard(boardId);
    this.pageCache.clear();
  }

  /**
   * Changes a Pin's text fields and, with `boardId`, moves it to the top of another board
   * (`PATCH /v5/pins/{pin_id}`).
   */
  updatePin(
    pinId: string,
    changes: {
      title?: string | null;
      description?: string | null;
      link?: string | null;
      altText?: string | null;
      boardId?: string;
      sectionId?: string | null;
    },
    now: number,
  ): PinJson {
    const pin = this.pins.get(pinId);
    if (!pin) throw new Error(`unknown pin ${pinId}`);
    const json = pin.json;
    if (changes.title !== undefined) json.title = changes.title;
    if (changes.description !== undefined) json.description = changes.description;
    if (changes.link !== undefined) json.link = changes.link;
    if (changes.altText !== undefined) json.alt_text = changes.altText;
    if (changes.boardId !== undefined && changes.boardId !== json.board_id) {
      const from = this.boards.get(json.board_id);
      const to = this.boards.get(changes.boardId);
      if (!to) throw new Error(`unknown board ${changes.boardId}`);
      const modified = pinterestDate(now);
      if (from) {
        from.pins.remove(pinId);
        from.json.board_pins_modified_at = modified;
        this.refreshBoardMedia(from);
      }
      to.pins.addNewest(pinId);
      to.json.board_pins_modified_at = modified;
      json.board_id = to.json.id;
      json.board_section_id = null;
      this.refreshBoardMedia(to);
    }
    if (changes.sectionId !== undefined) json.board_section_id = changes.sectionId;
    this.pageCache.clear();
    return json;
  }

  /** Deletes a Pin (`DELETE /v5/pins/{pin_id}`). */
  deletePin(pinId: string, now: number): void {
    const pin = this.pins.get(pinId);
    if (!pin) return;
    this.pins.delete(pinId);
    const board = this.boards.get(pin.json.board_id);
    if (board) {
      board.pins.remove(pinId);
      board.json.board_pins_modified_at = pinterestDate(now);
      this.refreshBoardMedia(board);
    }
    this.pageCache.clear();
  }

  /** Adds a section to a board, last (`POST /v5/boards/{board_id}/sections`). */
  addSection(boardId: string, name: string, id = this.newId()): SectionRecord['json'] {
    const board = this.boards.get(boardId);
    if (!board) throw new Error(`unknown board ${boardId}`);
    const record: SectionRecord = { json: { id, name }, boardId };
    this.sections.set(id, record);
    board.sectionIds.push(id);
    this.pageCache.clear();
    return record.json;
  }

  /** Renames a section. */
  renameSection(sectionId: string, name: string): SectionRecord['json'] {
    const section = this.sections.get(sectionId);
    if (!section) throw new Error(`unknown section ${sectionId}`);
    section.json.name = name;
    this.pageCache.clear();
    return section.json;
  }

  /** Deletes a section and the Pins in it, as Pinterest does. */
  deleteSection(sectionId: string, now: number): void {
    const section = this.sections.get(sectionId);
    if (!section) return;
    const board = this.boards.get(section.boardId);
    if (board) {
      for (const pinId of board.pinIds) {
        if (this.pins.get(pinId)?.json.board_section_id === sectionId) this.deletePin(pinId, now);
      }
      board.sectionIds = board.sectionIds.filter((id) => id !== sectionId);
    }
    this.sections.delete(sectionId);
    this.pageCache.clear();
  }

  /** Number of Pins across every board of a user. */
  pinCountOf(userId: string): number {
    let count = 0;
    for (const boardId of this.users.get(userId)?.boardIds ?? []) {
      count += this.boards.get(boardId)?.pins.length ?? 0;
    }
    return count;
  }

  /** A page from the cache, or computed by `build` and cached until the next write. */
  cachedPage(key: string, build: () => CachedPage): CachedPage {
    let page = this.pageCache.get(key);
    if (!page) {
      page = build();
      if (this.pageCache.size > 10_000) this.pageCache.clear();
      this.pageCache.set(key, page);
    }
    return page;
  }
}

/**
 * What the BFF sends to the browser: small, explicit shapes built field by field from Pinterest's answers, so
 * nothing Pinterest (or a future API version) adds is forwarded by accident. Shared with the SPA as types.
 */

/** `GET /api/me`. */
export interface ProfileView {
  id: string;
  username: string;
  accountType: string | null;
  profileImage: string | null;
  about: string | null;
  businessName: string | null;
  websiteUrl: string | null;
  counts: {
    boards: number | null;
    pins: number | null;
    followers: number | null;
    following: number | null;
    monthlyViews: number | null;
  };
}

/** One board of `GET /api/boards`. */
export interface BoardView {
  id: string;
  name: string;
  description: string | null;
  privacy: string | null;
  pinCount: number | null;
  coverImage: string | null;
}

/** One Pin of `GET /api/boards/:id/pins`. */
export interface PinView {
  id: string;
  title: string | null;
  description: string | null;
  altText: string | null;
  link: string | null;
  dominantColor: string | null;
  image: { url: string; width: number | null; height: number | null } | null;
}

/** A page of a list; `bookmark: null` is the last page (Pinterest's convention). */
export interface PageView<T> {
  items: T[];
  bookmark: string | null;
}

type Json = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const obj = (value: unknown): Json => (value !== null && typeof value === 'object' ? (value as Json) : {});
/** Only http(s) URLs may end up in an `src` or `href`. */
const httpUrl = (value: unknown): string | null => {
  const text = str(value);
  return text !== null && /^https?:\/\//i.test(text) ? text : null;
};

/** Maps `GET /v5/user_account`. */
export function toProfileView(account: unknown): ProfileView {
  const a = obj(account);
  return {
    id: str(a.id) ?? '',
    username: str(a.username) ?? '',
    accountType: str(a.account_type),
    profileImage: httpUrl(a.profile_image),
    about: str(a.about),
    businessName: str(a.business_name),
    websiteUrl: httpUrl(a.website_url),
    counts: {
      boards: num(a.board_count),
      pins: num(a.pin_count),
      followers: num(a.follower_count),
      following: num(a.following_count),
      monthlyViews: num(a.monthly_views),
    },
  };
}

/** Maps one item of `GET /v5/boards`. */
export function toBoardView(board: unknown): BoardView {
  const b = obj(board);
  const media = obj(b.media);
  const thumbnails = Array.isArray(media.pin_thumbnail_urls) ? media.pin_thumbnail_urls : [];
  return {
    id: str(b.id) ?? '',
    name: str(b.name) ?? 'Untitled board',
    description: str(b.description),
    privacy: str(b.privacy),
    pinCount: num(b.pin_count),
    coverImage: httpUrl(media.image_cover_url) ?? httpUrl(thumbnails[0]),
  };
}

/** Picks a mid-sized image of a Pin (single image, or the first of a carousel). */
function pinImage(media: Json): PinView['image'] {
  let images = obj(media.images);
  if (Object.keys(images).length === 0 && Array.isArray(media.items))
    images = obj(obj(media.items[0]).images);
  for (const size of ['600x', '400x300', '1200x', '150x150']) {
    const image = obj(images[size]);
    const url = httpUrl(image.url);
    if (url !== null) return { url, width: num(image.width), height: num(image.height) };
  }
  const cover = httpUrl(media.cover_image_url);
  return cover === null ? null : { url: cover, width: null, height: null };
}

/** Maps one item of `GET /v5/boards/{id}/pins`. */
export function toPinView(pin: unknown): PinView {
  const p = obj(pin);
  return {
    id: str(p.id) ?? '',
    title: str(p.title),
    description: str(p.description),
    altText: str(p.alt_text),
    link: httpUrl(p.link),
    dominantColor:
      typeof p.dominant_color === 'string' && /^#[0-9a-f]{6}$/i.test(p.dominant_color)
        ? p.dominant_color
        : null,
    image: pinImage(obj(p.media)),
  };
}

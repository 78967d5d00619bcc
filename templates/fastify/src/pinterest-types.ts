/**
 * The parts of Pinterest's v5 models that the pages show. Optional fields may be missing rather than null
 * (FACTS §5), so everything but the ids is optional.
 */

/** `GET /v5/user_account`. */
export interface Account {
  id: string;
  username?: string;
  account_type?: 'PINNER' | 'BUSINESS';
  profile_image?: string;
  website_url?: string;
  about?: string;
  business_name?: string | null;
  board_count?: number | null;
  pin_count?: number | null;
  follower_count?: number | null;
  following_count?: number | null;
  monthly_views?: number | null;
}

/** An item of `GET /v5/boards`. */
export interface Board {
  id: string;
  name: string;
  description?: string | null;
  privacy?: 'PUBLIC' | 'PROTECTED' | 'SECRET';
  pin_count?: number;
}

/** An item of `GET /v5/boards/{board_id}/pins`. */
export interface Pin {
  id: string;
  title?: string | null;
  description?: string | null;
  alt_text?: string | null;
  link?: string | null;
  media?: { images?: Record<string, { url?: string; width?: number; height?: number }> };
}

/**
 * GitHub-style heading slugs, so fragments match what readers know from READMEs: lower case, punctuation
 * dropped, each space becomes a hyphen (`Code exchange (step 3)` → `code-exchange-step-3`,
 * `Mock → sandbox` → `mock--sandbox`).
 */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/**
 * A slugger for one page: the same text twice gets `x`, then `x-1`, `x-2`… (as GitHub does), and a
 * suffixed slug never collides with a heading that literally reads `x 1`.
 */
export function createSlugger(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const base = slugify(text) || 'section';
    let slug = base;
    let count = seen.get(base) ?? 0;
    while (seen.has(slug)) {
      count += 1;
      slug = `${base}-${count}`;
    }
    seen.set(base, count);
    seen.set(slug, seen.get(slug) ?? 0);
    return slug;
  };
}

/** A heading of a page, as listed in its table of contents. */
export interface PageHeading {
  /** 2 or 3. */
  depth: number;
  id: string;
  text: string;
}

/**
 * Which section of a page a search hit is about: the heading that contains the most of the terms that
 * matched in the page's `headings` field (ties: the first). Pure, so it is unit tested.
 */
export interface SearchSection {
  id: string;
  text: string;
}

/** The same split MiniSearch's default tokenizer does (spaces and punctuation), lower-cased. */
function wordsOf(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[\n\r\p{Z}\p{P}]+/u)
      .filter(Boolean),
  );
}

/**
 * @param match MiniSearch's `result.match`: each matched index term and the fields it matched in.
 * @param sections The page's headings with their ids (stored in the index at build time).
 */
export function sectionForMatch(
  match: Record<string, string[]>,
  sections: SearchSection[],
): SearchSection | undefined {
  const terms = Object.entries(match)
    .filter(([, fields]) => fields.includes('headings'))
    .map(([term]) => term);
  if (terms.length === 0) return undefined;
  let best: SearchSection | undefined;
  let bestScore = 0;
  for (const section of sections) {
    const words = wordsOf(section.text);
    const score = terms.filter((term) => words.has(term)).length;
    if (score > bestScore) {
      best = section;
      bestScore = score;
    }
  }
  return best;
}

/**
 * How text becomes search terms, the same at build time (the index) and in the browser (the query):
 * lower case, stop words dropped, and a light English stemmer so that "rotating", "rotation" and "rotates"
 * meet at one term. Pure, small (it ships with the lazily loaded search chunk) and unit tested.
 */

/** Words too common to tell sections apart; a query made only of them still searches (see engine.ts). */
const STOP_WORDS = new Set(
  'a an and are as at be by can do does for from how i if in is it my of on or so the to what when where which who why with you your'.split(
    ' ',
  ),
);

const VOWEL = /[aeiouy]/;

/** Strips one double consonant left by a removed suffix: "running" → "runn" → "run". */
function undouble(word: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(word) && !/(ll|ss|zz)$/.test(word) ? word.slice(0, -1) : word;
}

/**
 * A light suffix stripper (in the spirit of Porter's step 1, much smaller): plurals, -ing, -ed, -ly,
 * -ion after t/s, and a final e. Words of four letters or fewer, numbers and words with digits stay as
 * they are, so `pina`, `oauth2` and `429` are never changed.
 */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 5) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && VOWEL.test(w.slice(0, -3)) && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && VOWEL.test(w.slice(0, -2)) && w.length > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (/[ts]ion$/.test(w) && w.length > 6) w = w.slice(0, -3);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** MiniSearch's `processTerm`: one index or query term in, its stem out (`null` drops it). */
export function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (STOP_WORDS.has(lower)) return null;
  return stem(lower);
}

/** Splits text into words: letters, digits and `_` stay together (`grant_type`, `x-ratelimit` splits). */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
}

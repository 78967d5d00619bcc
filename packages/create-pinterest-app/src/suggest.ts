/** Edit distance between two strings (Levenshtein), used for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `input`, when it is close enough to be a plausible typo (at most a third of its
 * length away, minimum 2 edits); otherwise undefined.
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(2, Math.floor((best?.length ?? 0) / 3));
  return bestDistance <= limit ? best : undefined;
}

/** ` Did you mean X?` or an empty string, ready to append to a message. */
export function didYouMean(input: string, candidates: readonly string[], format = (s: string) => s): string {
  const match = closestMatch(input, candidates);
  return match ? ` Did you mean ${format(match)}?` : '';
}

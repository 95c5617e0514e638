import damerauLevenshtein from 'damerau-levenshtein';

/**
 * The known name closest to `input`, if it is close enough to be a likely
 * typo: at most one edit for short words, a third of the length for long
 * ones. Swapping two neighbours is one edit (`lsit` → `list`). The input
 * itself is no suggestion.
 */
export function didYouMean(input: string, known: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(input.length / 3));
  const lower = input.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const { steps } = damerauLevenshtein(lower, name.toLowerCase());
    if (steps > 0 && steps <= limit && (best === undefined || steps < best.distance)) best = { name, distance: steps };
  }
  return best?.name;
}

// "did you mean `check`?": the nearest known name by edit distance, offered only when the typo is small

/** Levenshtein distance: insertions, deletions and substitutions, each costing one */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** the closest candidate, if it is within two edits and closer than half the typed word (so `xyz` suggests nothing) */
export function nearest(typed: string, candidates: Iterable<string>): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of candidates) {
    const d = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= 2 && best.d * 2 < Math.max(typed.length, 2) ? best.name : undefined;
}

/** `: did you mean `x`?`, or nothing when no name is close */
export function didYouMean(typed: string, candidates: Iterable<string>): string {
  const n = nearest(typed, candidates);
  return n === undefined ? "" : `; did you mean \`${n}\`?`;
}

// the readable form of what ExternalSorter and mergeRuns compute: a stable sort in memory (a property test pins them equal)

/** `items` in `compare` order; equal items keep the order they came in */
export function stableSorted<T>(items: Iterable<T>, compare: (a: T, b: T) => number): T[] {
  return [...items].sort(compare);
}

// per-file lookups the streaming step repeats on every record: a code, an economy or a unit text repeats thousands of times
/**
 * A copy of `s` that does not keep the text it was cut from alive. Field values are V8 slices of the reader's 64 KiB
 * text pieces; one kept in a per-file cache would pin its whole piece.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}

/** `f` remembered by its string argument (undefined results too); keys are owned copies */
export function memo<V>(f: (key: string) => V): (key: string) => V {
  const seen = new Map<string, V>();
  return (key) => {
    let v = seen.get(key);
    if (v === undefined && !seen.has(key)) seen.set(own(key), (v = f(key)));
    return v as V;
  };
}

/** `f` remembered by two string arguments, without building a joined key for each call */
export function memo2<B extends string, V>(f: (a: string, b: B) => V): (a: string, b: B) => V {
  const outer = new Map<string, Map<B, V>>();
  return (a, b) => {
    let inner = outer.get(a);
    if (inner === undefined) outer.set(own(a), (inner = new Map()));
    let v = inner.get(b);
    if (v === undefined && !inner.has(b)) inner.set(own(b) as B, (v = f(a, b)));
    return v as V;
  };
}

/** "report once per file": true the first time a key is seen */
export function firstTime(): (key: string) => boolean {
  const seen = new Set<string>();
  return (key) => {
    if (seen.has(key)) return false;
    seen.add(own(key));
    return true;
  };
}

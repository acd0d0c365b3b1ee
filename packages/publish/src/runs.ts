// what csvLine and jsonLine remember between rows: rows in file order repeat most of their text (entity, indicator,
// unit, raw file: all but the year, the value and the line), so each column's last cell is kept, and each run of
// such cells (the cells between two numbers) is reused whole while none of its cells changed

/** per column: the last value and its piece of text; per run starting at a column: where it ended and its text */
export interface RunMemo {
  value: unknown[];
  /** the column's cell with the separator before it */
  piece: string[];
  /** the tick at which the column's piece was last replaced */
  changed: number[];
  runEnd: number[];
  runText: string[];
  /** runText is one flat string (joined), not a rope of `+` pieces */
  runFlat: boolean[];
  /** the tick at which runText was made */
  made: number[];
  tick: number;
  /** the first column of the open run (-1: none), and the run's last change */
  from: number;
  latest: number;
  /** a row's getter that writes a line itself (reentry) gets a memo of its own */
  busy: boolean;
}

const NOTHING = Symbol("nothing written yet");

export function runMemo(n: number): RunMemo {
  const fill = <T>(x: T): T[] => new Array<T>(n).fill(x);
  return {
    value: fill<unknown>(NOTHING),
    piece: fill(""),
    changed: fill(0),
    runEnd: fill(-1),
    runText: fill(""),
    runFlat: fill(false),
    made: fill(0),
    tick: 0,
    from: -1,
    latest: 0,
    busy: false,
  };
}

/** column i's cell goes into the open run (opening one at i if none is open); its last change counts for the run */
export function intoRun(memo: RunMemo, i: number): void {
  if (memo.from < 0) {
    memo.from = i;
    memo.latest = 0;
  }
}

export function touched(memo: RunMemo, i: number): void {
  const changed = memo.changed[i]!;
  if (changed > memo.latest) memo.latest = changed;
}

/**
 * The text of the open run, memo.from up to column `to` (exclusive), whose cells were all put for this row; closes
 * it. `join` builds it flat, `concat` with `+` (cheaper once, a rope each line holding it would walk again).
 */
export function closeRun<M extends RunMemo>(memo: M, to: number, join: (m: M, from: number, to: number) => string, concat: (m: M, from: number, to: number) => string): string {
  const from = memo.from;
  memo.from = -1;
  if (memo.runEnd[from] === to && memo.latest <= memo.made[from]!) {
    // reused: worth one flat copy
    if (!memo.runFlat[from]) {
      memo.runText[from] = join(memo, from, to);
      memo.runFlat[from] = true;
    }
    return memo.runText[from]!;
  }
  const text = concat(memo, from, to);
  memo.runEnd[from] = to;
  memo.runText[from] = text;
  memo.runFlat[from] = false;
  memo.made[from] = memo.tick;
  return text;
}

/**
 * `line(a, row, memo)` with the cached memo, or with a fresh one while the cached one is in use (a row's getter that
 * renders a line itself re-enters the renderer)
 */
export function withMemo<A, M extends { busy: boolean }>(
  memo: M,
  fresh: (a: A) => M,
  line: (a: A, row: Record<string, unknown>, memo: M) => string,
  a: A,
  row: Record<string, unknown>,
): string {
  if (memo.busy) return line(a, row, fresh(a));
  memo.busy = true;
  try {
    return line(a, row, memo);
  } finally {
    memo.busy = false;
  }
}

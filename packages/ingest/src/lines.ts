// physical lines: the character codes that end them, and how many breaks a text holds
export const QUOTE = 34;
export const LF = 10;
export const CR = 13;

/** Physical line breaks in `s`: CRLF, LF and a lone CR each count once. */
export function countBreaks(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  for (let i = s.indexOf("\r"); i !== -1; i = s.indexOf("\r", i + 1)) if (s.charCodeAt(i + 1) !== LF) n++;
  return n;
}

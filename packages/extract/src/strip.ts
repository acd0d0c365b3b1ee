// HTML and Markdown → plain text, keeping a map from every plain character back to its offset in the input
/** Plain text and, for each of its characters (and its end), the offset of that character in the input. */
export interface Plain {
  text: string;
  origin: number[];
  /** plain-text offsets where a heading starts (Markdown #, HTML h1–h6) */
  headings: number[];
}

/** a piece of the replacement: literal text (placed at the match start), a kept range, or "a heading starts here" */
type Piece = string | { from: number; to: number } | typeof HEADING;
const HEADING = Symbol("heading");

function rewrite(src: Plain, re: RegExp, replace: (m: RegExpExecArray) => Piece[]): Plain {
  let text = "";
  const origin: number[] = [];
  const headings: number[] = [];
  let last = 0;
  const keep = (from: number, to: number) => {
    if (to <= from) return;
    for (const h of src.headings) if (h >= from && h < to) headings.push(text.length + h - from);
    text += src.text.slice(from, to);
    for (let i = from; i < to; i++) origin.push(src.origin[i]!);
  };
  for (const m of src.text.matchAll(new RegExp(re.source, re.flags.includes("d") ? re.flags : re.flags + "d"))) {
    keep(last, m.index);
    for (const p of replace(m as RegExpExecArray)) {
      if (p === HEADING) headings.push(text.length);
      else if (typeof p === "string") {
        for (const ch of p) {
          text += ch;
          origin.push(src.origin[m.index]!);
        }
      } else keep(p.from, p.to);
    }
    last = m.index + m[0].length;
  }
  keep(last, src.text.length);
  origin.push(src.origin[src.text.length]!);
  return { text, origin, headings };
}

const group = (m: RegExpExecArray, n: number): Piece => {
  const r = m.indices?.[n];
  return r ? { from: r[0], to: r[1] } : "";
};

const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: "\u00a0", amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", laquo: "«", raquo: "»", ndash: "–", mdash: "—",
  thinsp: "\u2009", hellip: "…", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", euro: "€", dollar: "$", percnt: "%",
};

const BLOCK = /^(?:p|div|br|li|ul|ol|tr|td|th|table|section|article|header|footer|blockquote|h[1-6]|title|dt|dd|pre|hr)$/i;

/** Does the text look like an HTML document or fragment (block or inline tags, not a stray "<")? */
export function looksLikeHtml(text: string): boolean {
  return /<(?:html|body|p|div|br|span|h[1-6]|li|table|a|strong|em|b|i)\b[^>]*>/i.test(text);
}

function stripHtml(src: Plain): Plain {
  let p = rewrite(src, /<(script|style)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi, () => [" "]);
  // block tags end a paragraph (an opening h1–h6 starts a heading), inline tags vanish
  p = rewrite(p, /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g, (m) => {
    const name = m[2]!;
    if (!BLOCK.test(name)) return [];
    if (/^br$/i.test(name)) return ["\n"];
    return /^h[1-6]$/i.test(name) && m[1] === "" ? ["\n\n", HEADING] : ["\n\n"];
  });
  return rewrite(p, /&(?:#(\d+)|#x([0-9a-fA-F]+)|([a-zA-Z]+));/g, (m) => {
    if (m[1]) return [String.fromCodePoint(Number(m[1]))];
    if (m[2]) return [String.fromCodePoint(parseInt(m[2], 16))];
    const named = ENTITIES[m[3]!.toLowerCase()];
    return named === undefined ? [{ from: m.index, to: m.index + m[0].length }] : [named];
  });
}

function stripMarkdown(src: Plain): Plain {
  // headings: "# Title" → "Title", remembered as a heading
  // fenced code is not prose: it goes whole (a paragraph break stays)
  let p = rewrite(src, /^[ \t]{0,3}(```|~~~)[^\n]*\n[\s\S]*?^[ \t]{0,3}\1[^\n]*$/gm, () => ["\n"]);
  p = rewrite(p, /^[ \t]{0,3}#{1,6}[ \t]+/gm, () => [HEADING]);
  // images and links keep their text; backslash escapes keep the character; inline code keeps its content
  p = rewrite(p, /!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)/g, (m) => [group(m, 1)]);
  p = rewrite(p, /\\([\\`*_{}[\]()#+\-.!$<>|~])/g, (m) => [group(m, 1)]);
  p = rewrite(p, /`([^`\n]+)`/g, (m) => [group(m, 1)]);
  // emphasis markers and list bullets; underscores inside words (snake_case, URLs) stay
  p = rewrite(p, /\*{1,3}|(?<![\p{L}\p{N}])_{1,3}(?=\S)|(?<=\S)_{1,3}(?![\p{L}\p{N}])/gu, () => []);
  return p;
}

/** Strip HTML (when the text looks like it) and Markdown; every plain character keeps its input offset. */
export function stripMarkup(input: string): Plain {
  const origin = Array.from({ length: input.length + 1 }, (_, i) => i);
  let p: Plain = { text: input, origin, headings: [] };
  if (looksLikeHtml(input)) p = stripHtml(p);
  return stripMarkdown(p);
}

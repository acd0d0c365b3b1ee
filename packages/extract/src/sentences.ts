// plain text → paragraphs, headings, list items and sentences, each as offsets into the plain text
/** One sentence (or heading, or list item) of the text: offsets only, never the text itself. */
export interface Sentence {
  start: number;
  end: number;
  /** 0 before the first heading, then 1, 2 … for each heading */
  section: number;
  paragraph: number;
  heading: boolean;
  /** the list item number when the sentence is inside a numbered list item ("5. …") */
  item?: number;
  /** inside a list of cited sources (its heading names one) */
  references: boolean;
}

// words whose trailing period does not end a sentence (initials are handled apart)
const ABBREVIATIONS = new Set(
  (
    "p pp vol no nos fig figs tab approx vs cf ed eds dr mr mrs ms prof jr sr st inc ltd co corp dept e.g i.e al " +
    "тыс млн млрд трлн долл руб г гг т с стр им ул др т.е т.д т.п т.к см рис табл ок прим проф акад доц канд ред изд вып"
  ).split(" "),
);

const REFERENCES_HEADING = /\b(?:references|bibliography|(?:list of )?(?:cited )?sources(?: cited)?|works cited|literature)\b|список\s+(?:использованн\p{L}*\s+)?(?:источников|литературы)|литература|библиограф/iu;

function isHeadingLine(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 120 || !/\p{L}/u.test(t)) return false;
  if (/[.!?:;,]$/.test(t)) return false;
  if (t.split(/\s+/).length > 14) return false;
  const letters = t.replace(/[^\p{L}]/gu, "");
  return letters === letters.toUpperCase() || /^\p{Lu}/u.test(t);
}

const LIST_ITEM = /^[ \t]*(\d{1,3})[.)][ \t]+/;

interface Line {
  start: number;
  end: number;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const m of text.matchAll(/\r\n|\r|\n/g)) {
    out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  out.push({ start, end: text.length });
  return out;
}

interface Block {
  start: number;
  end: number;
  heading: boolean;
  item?: number;
}

/** paragraphs (runs of non-blank lines); a numbered or bulleted line starts a block of its own */
function blocksOf(text: string, headingStarts: ReadonlySet<number>): Block[] {
  const blocks: Block[] = [];
  let cur: Block | undefined;
  const close = () => {
    if (cur) blocks.push(cur);
    cur = undefined;
  };
  for (const l of linesOf(text)) {
    const line = text.slice(l.start, l.end);
    if (line.trim() === "") {
      close();
      continue;
    }
    const marked = [...headingStarts].some((h) => h >= l.start && h <= l.end && text.slice(l.start, h).trim() === "");
    const item = LIST_ITEM.exec(line);
    if (marked || item || /^[ \t]*[-*•–][ \t]+/.test(line)) close();
    if (!cur) {
      cur = { start: l.start, end: l.end, heading: marked };
      if (item) cur.item = Number(item[1]);
    } else cur.end = l.end;
    if (marked) close();
  }
  close();
  for (const b of blocks) {
    const body = text.slice(b.start, b.end);
    if (!b.heading && b.item === undefined && !/[\r\n]/.test(body.trim()) && isHeadingLine(body)) b.heading = true;
  }
  return blocks;
}

/** a paragraph that starts in lower case continues the previous one (a page break in a PDF export) */
function mergeContinuations(text: string, blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    const first = text.slice(b.start, b.end).trimStart()[0] ?? "";
    const prevEnd = prev ? text.slice(prev.start, prev.end).trimEnd() : "";
    if (prev && !prev.heading && !b.heading && b.item === undefined && /\p{Ll}/u.test(first) && !/[.!?]$/.test(prevEnd)) {
      prev.end = b.end;
      continue;
    }
    out.push({ ...b });
  }
  return out;
}

const BOUNDARY = /[.!?…]+["»”’)\]]*(?=\s+["«“([]?[\p{Lu}\p{N}])/gu;

function endsWithAbbreviation(text: string, dot: number): boolean {
  const before = text.slice(Math.max(0, dot - 12), dot);
  const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? "";
  if (word === "") return false;
  // an initial ("S.O." or "I.") is one capital letter
  if (/^(?:\p{Lu}\.)*\p{Lu}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

function sentencesIn(text: string, b: Block): Line[] {
  const out: Line[] = [];
  let start = b.start;
  const body = text.slice(b.start, b.end);
  for (const m of body.matchAll(BOUNDARY)) {
    const dot = b.start + m.index;
    if (text[dot] === "." && endsWithAbbreviation(text, dot)) continue;
    const end = dot + m[0].length;
    out.push({ start, end });
    start = end;
  }
  out.push({ start, end: b.end });
  // trim the whitespace around each sentence
  return out
    .map((s) => {
      let { start: a, end: z } = s;
      while (a < z && /\s/.test(text[a]!)) a++;
      while (z > a && /\s/.test(text[z - 1]!)) z--;
      return { start: a, end: z };
    })
    .filter((s) => s.end > s.start);
}

/** Split plain text into sentences with sections, paragraphs and list items. */
export function splitSentences(text: string, headingStarts: readonly number[] = []): Sentence[] {
  const blocks = mergeContinuations(text, blocksOf(text, new Set(headingStarts)));
  const out: Sentence[] = [];
  let section = 0;
  let references = false;
  blocks.forEach((b, paragraph) => {
    if (b.heading) {
      section++;
      references = REFERENCES_HEADING.test(text.slice(b.start, b.end));
      const s: Sentence = { start: b.start, end: b.end, section, paragraph, heading: true, references };
      out.push(s);
      return;
    }
    for (const s of sentencesIn(text, b)) {
      const sentence: Sentence = { ...s, section, paragraph, heading: false, references };
      if (b.item !== undefined) sentence.item = b.item;
      out.push(sentence);
    }
  });
  return out;
}

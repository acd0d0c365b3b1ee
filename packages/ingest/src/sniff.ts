// dialect sniffing on the decoded head of a file: line break and delimiter, both respecting quoted fields
import Papa from "papaparse";
import type { Delimiter, LineBreak } from "./api.js";

export const DELIMITERS: readonly Delimiter[] = [",", ";", "\t", "|"];
const SNIFF_ROWS = 100;

/**
 * The first line break outside quotes decides: ITU DataHub exports use LF between records but CRLF inside quoted
 * dataSource fields (LKA 2010 "TRCSL.\r\n\r\n\r\nTRCSL"), so a plain count of CRLF would be wrong.
 */
export function sniffLineBreak(text: string, complete = false): LineBreak {
  const found = firstBreak(text, true, complete) ?? firstBreak(text, false, complete);
  return found ?? "\n";
}

// a CR that ends a cut sample may be the first half of a CRLF; one that ends the whole file is a CR line break
function firstBreak(text: string, respectQuotes: boolean, complete: boolean): LineBreak | undefined {
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 && respectQuotes) inQuote = !inQuote;
    else if (!inQuote && c === 10) return "\n";
    else if (!inQuote && c === 13) return text.charCodeAt(i + 1) === 10 || (i + 1 === text.length && !complete) ? "\r\n" : "\r";
  }
  return undefined;
}

/**
 * The candidate that splits the most non-blank head rows into the same number (≥ 2) of fields; ties go to more fields,
 * then to the order , ; tab |. Quoted fields are parsed, so "Парк, Минск";1,35 counts as 2 fields with ";".
 * Nothing splits (a one-column file) → ",". `complete` says `text` is the whole file.
 */
export function sniffDelimiter(text: string, lineBreak: LineBreak, complete: boolean): Delimiter {
  let best: { d: Delimiter; agree: number; fields: number } = { d: ",", agree: 0, fields: 1 };
  for (const d of DELIMITERS) {
    const counts = new Map<number, number>();
    let rows = 0;
    const parser = new Papa.Parser({
      delimiter: d,
      newline: lineBreak,
      step: (r: Papa.ParseStepResult<string[][]>) => {
        const row = r.data[0];
        if (!row || (row.length === 1 && row[0]!.trim() === "")) return;
        counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
        if (++rows >= SNIFF_ROWS) parser.abort();
      },
    });
    // a head cut mid-file ends in a partial row: leave it out
    parser.parse(text, 0, !complete);
    for (const [fields, agree] of counts) {
      if (fields < 2) continue;
      if (agree > best.agree || (agree === best.agree && fields > best.fields)) best = { d, agree, fields };
    }
  }
  return best.d;
}

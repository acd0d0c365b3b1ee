// one key value as text that reads back to the same value and type (numbers exactly, undefined and null apart)

/**
 * One key value: `s<length>:<text>` (any characters), `n<String(n)>;` (String round-trips every double exactly),
 * `t`/`f`, `u` for undefined, `z` for null, `j<length>:<json>` for anything else.
 */
export function encodeValue(v: unknown): string {
  switch (typeof v) {
    case "string":
      return `s${v.length}:${v}`;
    case "number":
      return `n${String(v)};`;
    case "boolean":
      return v ? "t" : "f";
    case "undefined":
      return "u";
    default: {
      if (v === null) return "z";
      const json = JSON.stringify(v);
      return `j${json.length}:${json}`;
    }
  }
}

/** reads values back from one encoded candidate */
export class Cursor {
  at = 0;
  constructor(private readonly text: string) {}

  value(): unknown {
    const t = this.text;
    const tag = t.charCodeAt(this.at++);
    switch (tag) {
      case 115: // s
      case 106: {
        // j
        const colon = t.indexOf(":", this.at);
        const end = colon + 1 + Number(t.slice(this.at, colon));
        const body = t.slice(colon + 1, end);
        this.at = end;
        return tag === 115 ? body : JSON.parse(body);
      }
      case 110: {
        // n
        const semi = t.indexOf(";", this.at);
        const n = Number(t.slice(this.at, semi));
        this.at = semi + 1;
        return n;
      }
      case 116:
        return true;
      case 102:
        return false;
      case 117:
        return undefined;
      case 122:
        return null;
      default:
        throw new Error(`spill record damaged at ${this.at - 1}`);
    }
  }
}

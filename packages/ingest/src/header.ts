// a header row's names as every reader sees them: BOM and padding off, WDI's trailing comma dropped, repeats found

export interface HeaderNames {
  names: string[];
  /** every line ends with a delimiter (WDI), so the last name was empty and is dropped */
  trailingEmpty: boolean;
  /** names seen before, with their 0-based column */
  repeated: { index: number; name: string }[];
}

export function headerNames(fields: readonly string[]): HeaderNames {
  const names = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, "") : f).trim());
  const trailingEmpty = names.length > 1 && names[names.length - 1] === "";
  if (trailingEmpty) names.pop();
  const seen = new Set<string>();
  const repeated: { index: number; name: string }[] = [];
  names.forEach((name, index) => {
    if (seen.has(name)) repeated.push({ index, name });
    seen.add(name);
  });
  return { names, trailingEmpty, repeated };
}

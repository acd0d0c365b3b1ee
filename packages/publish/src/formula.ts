// the spreadsheet formula-injection guard shared by the csv writer and the schema descriptions

/**
 * first characters that make a spreadsheet treat a cell as a formula (owasp "csv injection": = + - @ tab cr),
 * plus the apostrophe itself so the escape stays reversible: a reader drops exactly one leading apostrophe.
 */
export const FORMULA_TRIGGERS: readonly string[] = ["=", "+", "-", "@", "\t", "\r", "'"];

/** the resource property and field-description note that document the escape in datapackage.json */
export const FORMULA_ESCAPE_NOTE =
  "text cells starting with = + - @ TAB CR or an apostrophe are prefixed with one apostrophe (spreadsheet formula guard); drop one leading apostrophe from a text cell to recover the value; numeric cells and closed-enum cells (fixed codes such as the operator \"=\") are never altered";

export function needsFormulaEscape(text: string): boolean {
  const first = text[0];
  return first !== undefined && FORMULA_TRIGGERS.includes(first);
}

export function escapeFormula(text: string): string {
  return needsFormulaEscape(text) ? `'${text}` : text;
}

/** the short note added to the description of each csv text field the escape can touch */
export const FORMULA_FIELD_NOTE = "CSV: a cell starting with = + - @ TAB CR or ' carries one extra leading apostrophe (bycn:formula_escape).";

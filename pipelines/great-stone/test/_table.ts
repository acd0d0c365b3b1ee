// test helpers: build BELTA-style tables in code and read the committed snapshot
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Snapshot } from "@bycn/core";
import { repoRoot } from "../../../packages/core/test-support/real.js";

export const HEADER = "Дата;Точность даты;Показатель;Значение;Период;Статус;Срок;Источник;Примечание";
export const URL_A = "https://example.org/a";
export const URL_B = "https://example.org/b";

export const COMMITTED = "raw/belta/2026-11-28/great-stone-figures.csv";

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** a snapshot of text lines (utf-8, CRLF) as a user's file */
export function snapshotOf(lines: readonly string[], file = "user/table.csv", bytes?: Uint8Array): Snapshot {
  const b = bytes ?? new TextEncoder().encode(lines.join("\r\n") + "\r\n");
  return { file, bytes: b, vintage: "2026-11-28", sha256: sha256(b) };
}

export function committed(): Snapshot {
  const bytes = new Uint8Array(readFileSync(path.join(repoRoot, COMMITTED)));
  return { file: COMMITTED, bytes, vintage: "2026-11-28", sha256: sha256(bytes) };
}

/** one table line from its cells; missing cells are "–" */
export function line(cells: { date?: string; precision?: string; measure: string; value: string; period?: string; status?: string; horizon?: string; source?: string; note?: string }): string {
  return [
    cells.date ?? "01.01.2024",
    cells.precision ?? "день",
    cells.measure,
    cells.value,
    cells.period ?? "–",
    cells.status ?? "факт",
    cells.horizon ?? "–",
    cells.source ?? URL_A,
    cells.note ?? "–",
  ].join(";");
}

// the claims checker's view: all rows, date order, input untouched
import { describe, expect, it } from "vitest";
import { GreatStoneRow, normalize, parkObservations, pipeline } from "@bycn/pipeline-great-stone";
import { committed } from "./_table.js";

describe("parkObservations", () => {
  it("date-order-over-the-committed-rows", () => {
    // the published rows satisfy the dataset schema
    const rows = GreatStoneRow.array().parse(pipeline.run([committed()]).datasets[0]?.rows);
    const obs = parkObservations(rows);
    expect(obs).toHaveLength(rows.length);
    const keys = obs.map((o) => `${o.as_of} ${o.measure}`);
    expect(keys).toEqual([...keys].sort());
  });

  it("sorts-a-shuffled-copy-without-touching-the-input", () => {
    const rows = normalize(committed()).rows;
    const shuffled = [...rows].reverse();
    const before = shuffled.map((r) => r.raw_line);
    const obs = parkObservations(shuffled);
    expect(shuffled.map((r) => r.raw_line)).toEqual(before);
    expect(obs).toEqual(rows);
  });

  it("plans-are-included-and-marked: the claims checker decides what a plan may match", () => {
    const obs = parkObservations(normalize(committed()).rows);
    expect(obs.some((o) => o.status === "target" && o.measure === "declared_investment_usd" && o.value === 1.5e9 && o.horizon === "2020-12-31")).toBe(true);
  });
});

// WDI indicator code → unit; WDI files carry no unit column, the unit is in the code's definition
import type { Unit } from "@bycn/core";

/** ITU-sourced WDI series (WDI names them after ITU's World Telecommunication/ICT Indicators Database) */
const WDI_UNITS: Readonly<Record<string, Unit>> = {
  // individuals using the internet, % of population
  "IT.NET.USER.ZS": "%",
  // mobile cellular subscriptions: per 100 people, and the count
  "IT.CEL.SETS.P2": "per 100 inhabitants",
  "IT.CEL.SETS": "count",
  // fixed broadband subscriptions: per 100 people, and the count
  "IT.NET.BBND.P2": "per 100 inhabitants",
  "IT.NET.BBND": "count",
  // fixed telephone subscriptions: per 100 people, and the count
  "IT.MLT.MAIN.P2": "per 100 inhabitants",
  "IT.MLT.MAIN": "count",
};

export function wdiUnit(code: string): Unit | undefined {
  return WDI_UNITS[code.trim()];
}

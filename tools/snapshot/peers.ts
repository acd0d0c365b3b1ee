// the economies and aggregates bycn keeps from each source (the peer group itself is defined in @bycn/core)

import { FOCUS, PEERS } from "@bycn/core";

// the focus pair and the peer group live in @bycn/core (the site reads them at build time); re-exported for the snapshot tool
export { FOCUS, PEERS };

/** Every economy a snapshot keeps: the focus pair first, then the peers. */
export const ECONOMIES: readonly string[] = [...FOCUS, ...PEERS.map((p) => p.iso3)];

/** WDI aggregates kept so that aggregate flagging (empty Region/IncomeGroup) is exercised.
 *  note: WDI's ECA is "Europe & Central Asia (excluding high income)", not the whole region (that is ECS). */
export const WDI_AGGREGATES: readonly string[] = ["WLD", "HIC", "UMC", "EAS", "ECA", "EUU"];

/** OWID aggregates kept, by Entity name. All have an empty Code except World (OWID_WRL);
 *  this OWID file has no "Europe" or "Asia" continent rows, so the WB regions stand in for them. */
export const OWID_AGGREGATES: readonly string[] = [
  "World",
  "High-income countries",
  "Upper-middle-income countries",
  "Europe and Central Asia (WB)",
  "East Asia and Pacific (WB)",
  "European Union (27)",
];

// registry data (to be completed for every ITU entity, WDI and OWID aggregate)
import type { Aggregate, Economy } from "./economies.js";

export const ECONOMIES: Economy[] = [
  { kind: "economy", iso3: "BLR", name: "Belarus", ru: "Беларусь", be: "Беларусь", zh: "白俄罗斯", aliases: ["Republic of Belarus", "Республика Беларусь"] },
  { kind: "economy", iso3: "CHN", name: "China", ru: "Китай", be: "Кітай", zh: "中国", aliases: ["People's Republic of China", "КНР"] },
];

export const AGGREGATES: Aggregate[] = [
  { kind: "aggregate", id: "WLD", name: "World", aliases: [] },
];

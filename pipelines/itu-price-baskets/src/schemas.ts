// the tidy long ITU ICT Price Baskets file as written, and the published price-basket rows
import { Observation, observationDataset } from "@bycn/core";
import type { DatasetSpec } from "@bycn/core";
import { z } from "zod";

/** One record of itu_price_baskets_long.csv (a third party's tidy version of ITU's economies_2008-2025 sheet). */
export const PriceBasketRecord = z.object({
  iso3: z.string().min(1),
  economy: z.string(),
  code: z.string().min(1),
  basket_name: z.string(),
  unit: z.string(),
  unit_label: z.string(),
  year: z.string(),
  value: z.string(),
  status: z.string(),
  itu_region: z.string(),
  wb_income_2025: z.string(),
  LDC: z.string(),
  LLDC: z.string(),
  SIDS: z.string(),
});
export type PriceBasketRecord = z.infer<typeof PriceBasketRecord>;

export const PRICE_BASKET_KEY_COLUMNS = ["iso3", "code", "basket_name", "year", "value", "status"] as const;
export const PRICE_BASKET_COLUMNS = Object.keys(PriceBasketRecord.shape) as (keyof typeof PriceBasketRecord.shape)[];

/** ITU's basket status; "year outside BasketHistory range" rows are published but must not be read as official */
export const BasketStatus = z.enum(["official", "experimental", "year outside BasketHistory range"]);
export type BasketStatus = z.infer<typeof BasketStatus>;

/** An Observation plus ITU's status of the basket price for that year. */
export const PriceBasketObservation = Observation.extend({
  status: BasketStatus.meta({
    description: "ITU's status of the value: official, experimental, or \"year outside BasketHistory range\" (published, not official).",
  }),
});
export type PriceBasketObservation = z.infer<typeof PriceBasketObservation>;

export const ItuPriceBaskets: DatasetSpec = observationDataset({
  name: "itu-price-baskets",
  title: "ITU ICT Price Baskets",
  description:
    "ITU ICT price baskets per economy, basket code and year. The unit comes from the code suffix ($ = USD, " +
    "_GNI = % of monthly GNI per capita, _PPP = PPP$); status says whether ITU counts the value as official.",
  source: "itu-price-baskets",
  schema: PriceBasketObservation,
});

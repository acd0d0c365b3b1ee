// the ITU ICT Price Baskets pipeline: the tidy long derived CSV → itu-price-baskets (Observation + status)
import type { Pipeline } from "@bycn/core";
import { detectPriceBaskets, runPriceBaskets } from "./baskets.js";
import { ItuPriceBaskets } from "./schemas.js";

export { basketUnit, detectPriceBaskets, normalizePriceBaskets, runPriceBaskets } from "./baskets.js";
export { normalizePriceBaskets as normalize } from "./baskets.js";
export {
  BasketStatus,
  ItuPriceBaskets,
  PRICE_BASKET_COLUMNS,
  PRICE_BASKET_KEY_COLUMNS,
  PriceBasketObservation,
  PriceBasketRecord,
} from "./schemas.js";

export const pipeline: Pipeline = {
  id: "itu-price-baskets",
  title: "ITU ICT Price Baskets",
  datasets: [ItuPriceBaskets],
  detect: detectPriceBaskets,
  run: runPriceBaskets,
};

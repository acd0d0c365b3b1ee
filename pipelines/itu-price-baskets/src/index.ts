// the ITU ICT Price Baskets pipeline: the tidy long derived CSV → itu-price-baskets (Observation + status)
export { normalizePriceBaskets, normalizePriceBaskets as normalize, pipeline, runPriceBaskets } from "./pipeline.js";
export { basketUnit, beginBasketFile, detectPriceBaskets } from "./normalize.js";
export {
  BasketStatus,
  ItuPriceBaskets,
  PRICE_BASKET_COLUMNS,
  PRICE_BASKET_KEY_COLUMNS,
  PriceBasketObservation,
  PriceBasketRecord,
} from "./schemas.js";

// the economies the report is about (Belarus, China) and the peers it shows them against; the data cover every economy

/** The two economies the project is about. */
export const FOCUS = ["BLR", "CHN"] as const;

/** Peer economies compared with Belarus and China, each with the reason it is in the group. */
export const PEERS: readonly { iso3: string; why: string }[] = [
  // eurasian economic union partners of belarus: the comparison the article's sources usually make
  { iso3: "RUS", why: "EAEU partner, Union State with Belarus, largest trading partner" },
  { iso3: "KAZ", why: "EAEU partner, post-Soviet upper-middle income, strong IDI score" },
  { iso3: "KGZ", why: "EAEU partner, lower-middle income end of the union" },
  { iso3: "ARM", why: "EAEU partner, small post-Soviet economy with a similar IDI level" },
  // neighbours of belarus
  { iso3: "UKR", why: "neighbour; post-Soviet, same starting point in 1991" },
  { iso3: "POL", why: "neighbour; EU member, the closest large EU comparison" },
  { iso3: "LTU", why: "neighbour; EU/Baltic, post-Soviet" },
  { iso3: "LVA", why: "neighbour; EU/Baltic, post-Soviet" },
  // other post-Soviet economies: same statistical legacy, different policy paths
  { iso3: "UZB", why: "post-Soviet, Central Asia, Belt and Road partner of China" },
  { iso3: "AZE", why: "post-Soviet, South Caucasus" },
  { iso3: "GEO", why: "post-Soviet, South Caucasus, Eastern Partnership" },
  { iso3: "MDA", why: "post-Soviet, Eastern Partnership, lowest IDI 2024 score among the European post-Soviet peers" },
  { iso3: "EST", why: "post-Soviet digital-government benchmark, IDI top group" },
  // digital frontier benchmarks the article's IDI and broadband figures are read against
  { iso3: "FIN", why: "IDI 2024 leader among EU members (98.1)" },
  { iso3: "DEU", why: "largest EU economy, the usual Western European benchmark" },
  { iso3: "KOR", why: "East Asian broadband benchmark" },
  { iso3: "JPN", why: "East Asian high-income benchmark" },
  { iso3: "SGP", why: "Asian digital hub, IDI top group" },
];

/** The report's comparison set: the focus pair first, then the peers. */
export const COMPARISON: readonly string[] = [...FOCUS, ...PEERS.map((p) => p.iso3)];

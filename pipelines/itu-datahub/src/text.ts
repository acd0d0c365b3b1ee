// rules that flag free text (dataSource, dataNote) as untrustworthy; the text is still published, as text
/**
 * Economies whose statistics offices write Cyrillic: Cyrillic-script countries and the CIS, where Russian is an
 * administrative language. Evidence that Cyrillic is legitimate there: average_download_throughput_fixed_broadband.csv,
 * KGZ 2024 has a Russian dataNote ("Сделан запрос операторам связи…") that is a real note from the regulator.
 */
const CYRILLIC_ECONOMIES = new Set([
  "ARM", "AZE", "BGR", "BIH", "BLR", "GEO", "KAZ", "KGZ", "MDA", "MKD", "MNE", "MNG", "RUS", "SRB", "TJK", "TKM", "UKR", "UZB",
]);

const CYRILLIC = /\p{Script=Cyrillic}/u;
// ")))" is the Russian-language chat smiley; no attribution or methodology note uses a run of brackets
const CHAT_BRACKETS = /\){3,}|\({3,}/;

/**
 * Why a free-text field looks like it does not belong to the record, or undefined when it looks fine.
 * Regression: households_with_internet_access_at_home.csv, ISL 2002, dataSource is an unrelated Russian chat
 * message ("нет))) отсутствие дел на работе…"): Cyrillic for Iceland, and chat brackets.
 * Length alone is not a rule: real notes reach 900 characters (UGA 2020 in the subscriptions file).
 */
export function suspiciousTextReason(text: string, iso3: string): string | undefined {
  const reasons: string[] = [];
  if (CYRILLIC.test(text) && !CYRILLIC_ECONOMIES.has(iso3.toUpperCase())) reasons.push(`Cyrillic text for ${iso3}, which does not write Cyrillic`);
  if (CHAT_BRACKETS.test(text)) reasons.push("chat-style bracket runs such as \")))\"");
  return reasons.length > 0 ? reasons.join("; ") : undefined;
}

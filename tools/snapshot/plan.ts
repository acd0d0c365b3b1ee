// what to snapshot: per source, its folder date, origin, licence and, per file, which records to keep and why
import type { SourceId } from "@bycn/core";

type Fields = Record<string, string>;

export interface FileSpec {
  /** path of the real file, relative to --from */
  input: string;
  /** file name in raw/<source>/<date>/ */
  name: string;
  title: string;
  /** public URL the publisher serves this file's data at */
  url: string;
  /** the repository the bytes came from, when it differs from the source's */
  repository?: string;
  /** path of the copy in the origin repository (when the bytes came from a repository copy) */
  repositoryPath?: string;
  /** where the bytes came from, in words, when not a repository copy (for the derivation) */
  fromText?: string;
  /** the kept records, in words, for the derivation */
  rule: string;
  keep: (f: Fields) => boolean;
  /** recognises the header row when it is not the first non-blank line */
  isHeader?: (fields: string[]) => boolean;
  /** file-specific provenance, appended to the derivation */
  note?: string;
  /** put this URL in raw/sources.json for the file (when it differs from the source's URL) */
  manifestUrl?: string;
}

export interface SourceSpec {
  source: SourceId;
  /** retrieval date of the bytes from their origin (yyyy-mm-dd): the snapshot folder and the meta's `retrieved` */
  date: string;
  /** why this date, for the derivation */
  dateReason: string;
  title: string;
  publisher: string;
  /** landing or download URL for raw/sources.json */
  url: string;
  /** "manual" when `bycn refresh` cannot fetch the layout the snapshot keeps (a derived CSV, a transcription) */
  refresh: "http" | "manual";
  licence: string;
  pipeline: string;
  repository?: string;
  commit?: string;
  files: FileSpec[];
}

// every record of every file: the datasets publish every economy and aggregate a source has (aggregates flagged),
// and the report picks Belarus, China and the peers of tools/snapshot/peers.ts out of them
const WHOLE = "every record: all economies, aggregates, series and years";
const all = (_f: Fields) => true;

// the datahub API serves one ZIP per indicator id; the repository copy does not record which id it downloaded,
// so each URL names the id of the file's first series
const datahubDownload = (id: number) => `https://api.datahub.itu.int/v2/data/download/byid/${id}/iscollection/false`;

function datahubFile(name: string, title: string, seriesIds: number[], note?: string): FileSpec {
  const first = seriesIds[0] ?? 0;
  const url = datahubDownload(first);
  const ids = `series ids ${seriesIds.join(", ")}`;
  return {
    input: `itu-datahub-csv/${name}`,
    name,
    title,
    url,
    repositoryPath: `data/raw/${name}`,
    rule: WHOLE,
    keep: all,
    note: note ? `${ids}; ${note}` : ids,
    manifestUrl: url,
  };
}

export const PLAN: SourceSpec[] = [
  {
    source: "itu-datahub",
    date: "2025-12-28",
    dateReason: "date of the repository commit that added the DataHub downloads",
    title: "ITU DataHub indicator exports (World Telecommunication/ICT Indicators database)",
    publisher: "International Telecommunication Union (ITU)",
    url: "https://datahub.itu.int/",
    refresh: "http",
    licence: "© ITU; ITU DataHub terms of use",
    pipeline: "itu-datahub",
    repository: "DenSkrytskyi/giga-school-connectivity-analysis",
    commit: "68d09ea29249cb7f031e54506baa18a67b857107",
    files: [
      datahubFile("households_with_internet_access_at_home.csv", "Households with Internet access at home (xHH6_IDI)", [12047]),
      datahubFile(
        "population_coverage_mobile_network.csv",
        "Population covered by at least a 2G, 3G, LTE/WiMAX and 5G mobile network (i271pop, i271G, i271GA, i271G5_pop)",
        [194, 430, 19306, 34236],
      ),
      datahubFile(
        "active_mobile_broadband_subscriptions.csv",
        "Active mobile-broadband subscriptions, count and per 100 inhabitants (i271mw, i911mw)",
        [11632, 12066],
        "seriesUnits says count for both series although i911mw is per 100 inhabitants",
      ),
      datahubFile(
        "fixed_broadband_internet_5GB.csv",
        "Fixed-broadband Internet 5GB basket price in USD, % of GNI per capita and PPP$ (i154_FBB5$, i154_FBB5_GNI, i154_FBB5_PPP)",
        [33330, 33331, 33332],
      ),
      datahubFile(
        "data_only_mobile_broadband_5GB.csv",
        "Data-only mobile-broadband 5 GB basket price in USD, % of GNI per capita and PPP$ (i271mb_5GB$, i271mb_5GB_GNI, i271mb_5GB_PPP)",
        [36055, 36056, 36057],
      ),
      datahubFile(
        "average_download_throughput_fixed_broadband.csv",
        "Average download throughput for fixed broadband (i147dl)",
        [34237],
        "CHN jumps about 1000-fold from 2020 to 2021 (a unit break in the source)",
      ),
      datahubFile(
        "uas_policy.csv",
        "Universal access/service policy (categorical trUS* and trDefinition series)",
        [2802, 2805, 2806, 2807, 2865, 4330],
        "the real-data copy is already a slice of the 1.75 MB original holding only BLR and CHN, so every record of it is kept",
      ),
    ],
  },
  {
    source: "wdi",
    date: "2026-02-18",
    dateReason: "date of the repository commit that added the WDI download",
    title: "World Development Indicators: Individuals using the Internet (% of population), IT.NET.USER.ZS",
    publisher: "World Bank",
    url: "https://api.worldbank.org/v2/en/indicator/IT.NET.USER.ZS?downloadformat=csv",
    refresh: "http",
    licence: "CC BY 4.0",
    pipeline: "wdi",
    repository: "itzmaniss/Singapore-Internet-History",
    commit: "c1ffa8ba3a4794af9108d9cc2cdc7eff8fe49b66",
    files: [
      {
        input: "world-bank-wdi/API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv",
        name: "API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv",
        title: "IT.NET.USER.ZS, wide by year 1960-2024",
        url: "https://api.worldbank.org/v2/en/indicator/IT.NET.USER.ZS?downloadformat=csv",
        repositoryPath: "data/WorldData/API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv",
        rule: WHOLE,
        keep: all,
        isHeader: (fields) => fields.includes("Country Code") && fields.includes("Indicator Code"),
        note: "the empty first line (BOM, CRLF) is kept; this vintage has no Data Source/Last Updated preamble",
      },
      {
        input: "world-bank-wdi/Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv",
        name: "Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv",
        title: "IT.NET.USER.ZS country metadata (region, income group, notes)",
        url: "https://api.worldbank.org/v2/en/indicator/IT.NET.USER.ZS?downloadformat=csv",
        repositoryPath: "data/WorldData/Metadata_Country_API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv",
        rule: WHOLE,
        keep: all,
      },
      {
        input: "world-bank-wdi/Metadata_Indicator_API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv",
        name: "Metadata_Indicator_API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv",
        title: "IT.NET.USER.ZS indicator metadata (definition and source organisation)",
        url: "https://api.worldbank.org/v2/en/indicator/IT.NET.USER.ZS?downloadformat=csv",
        repositoryPath: "data/WorldData/Metadata_Indicator_API_IT.NET.USER.ZS_DS2_en_csv_v2_1228.csv",
        rule: WHOLE,
        keep: all,
      },
    ],
  },
  {
    source: "owid",
    date: "2025-10-29",
    dateReason: "dateDownloaded in the OWID metadata file downloaded with it (OWID lastUpdated 2025-01-24)",
    title: "Our World in Data: Share of the population using the Internet (ITU via World Bank)",
    publisher: "Our World in Data",
    url: "https://ourworldindata.org/grapher/share-of-individuals-using-the-internet.csv",
    refresh: "http",
    licence: "CC BY 4.0",
    pipeline: "owid",
    repository: "mthavarajah/global_financial_resilience_index",
    commit: "243256b7a030a22de932c7fd022454851184cc72",
    files: [
      {
        input: "owid/internet.csv",
        name: "share-of-individuals-using-the-internet.csv",
        title: "Individuals using the Internet (% of population), long by entity and year",
        url: "https://ourworldindata.org/grapher/share-of-individuals-using-the-internet.csv",
        repositoryPath: "datasets/internet/internet.csv",
        rule: WHOLE,
        keep: all,
        note: "the repository renamed OWID's share-of-individuals-using-the-internet.csv to internet.csv; OWID's name is restored here",
      },
    ],
  },
  {
    source: "itu-price-baskets",
    date: "2026-09-27",
    dateReason:
      "download date of ITU_ICTPriceBaskets_2008-2025.xlsx recorded in the repository's data/raw/itu/README.md (the commit date itself was not findable)",
    title: "ITU ICT Price Baskets, historical data series, Dec 2025 release (tidy long CSV)",
    publisher: "International Telecommunication Union (ITU)",
    url: "https://www.itu.int/en/ITU-D/Statistics/Pages/ICTprices/default.aspx",
    refresh: "manual",
    licence: "CC BY-NC-SA 3.0 IGO",
    pipeline: "itu-price-baskets",
    repository: "Noah-TaeHwan/affording-generative-ai",
    commit: "c6288b42ae46d9dec09570c944a19612105e4c9f",
    files: [
      {
        input: "itu-price-baskets/itu_price_baskets_long.csv",
        name: "itu_price_baskets_long.csv",
        title: "ICT price baskets by economy, basket code and year (long)",
        url: "https://www.itu.int/en/ITU-D/Statistics/Documents/ICT_Prices/ITU_ICTPriceBaskets_2008-2025.xlsx",
        repositoryPath: "data/raw/itu/itu_price_baskets_long.csv",
        rule: WHOLE,
        keep: all,
        note:
          "not ITU's own layout: the repository's tidy long version of sheet economies_2008-2025 of ITU's workbook; " +
          "the real-data copy is itself a 50-record slice (BLR and CHN, the high-consumption mobile baskets, 2 GB and 5 GB data-only, BLR fixed 5 GB)",
        manifestUrl: "https://www.itu.int/en/ITU-D/Statistics/Documents/ICT_Prices/ITU_ICTPriceBaskets_2008-2025.xlsx",
      },
    ],
  },
  {
    source: "itu-idi",
    date: "2026-08-25",
    dateReason:
      "the date the third-party script says it retrieved the Wikipedia table; the research helper's transcription date is not recorded, and ITU's own publication (2024) is not when these bytes were taken",
    title: "ICT Development Index 2024, overall score per economy (secondary transcription)",
    publisher: "International Telecommunication Union (ITU)",
    url: "https://www.itu.int/itu-d/reports/statistics/idi2024/",
    refresh: "manual",
    licence: "© ITU (IDI 2024 scores); transcribed from a Wikipedia table (CC BY-SA 4.0)",
    pipeline: "itu-idi",
    files: [
      {
        input: "transcribed/idi2024_scores_wikipedia_via_third_party.csv",
        name: "idi2024_scores.csv",
        title: "IDI 2024 overall score per economy (iso3, idi_2024), secondary transcription",
        url: "https://www.itu.int/itu-d/reports/statistics/idi2024/",
        repository: "https://en.wikipedia.org/wiki/ICT_Development_Index",
        repositoryPath:
          "the IDI 2024 table of the Wikipedia article, as parsed into the IDI_2024 constant of a third-party build script (scripts/buildTechnology.mjs; its repository is not named by the search index)",
        fromText:
          "the research helper's transcription of that script's table (transcribed/idi2024_scores_wikipedia_via_third_party.csv of the shared real-data folder)",
        rule: WHOLE,
        keep: all,
        note:
          "this is NOT an ITU file: it is a secondary transcription (the research helper's CSV of a third-party script's table, " +
          "which the script parsed from the English Wikipedia article's IDI 2024 table citing ITU); check values against ITU before relying on them",
      },
    ],
  },
];

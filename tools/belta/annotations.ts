// editorial layer over the transcription: status, bounds and short russian notes per figure (facts only, no quotes)
import type { Measure, Qualifier, Status } from "@bycn/pipeline-great-stone";

/** how to print one transcribed figure; anything unsaid is an exact actual with no note */
export interface FigureNote {
  status?: Status;
  qualifier?: Qualifier;
  /** russian period form for a plan or target's horizon ("2020") */
  horizon?: string;
  /** russian period form when the figure is a flow the transcription has no period column for */
  period?: string;
  note?: string;
}

/** a figure the transcription states in its notes column rather than in a value column */
export interface ExtraFigure {
  measure: Measure;
  /** base units: USD or count */
  value: number;
  status: Status;
  qualifier?: Qualifier;
  /** russian date and precision word when the figure is not dated like its report */
  date?: { text: string; precision: string };
  period?: string;
  horizon?: string;
  note?: string;
}

export interface ReportNote {
  /** said in every row of the report (undated page, language, who reported) */
  report?: string;
  figures?: Partial<Record<Measure, FigureNote>>;
  extra?: ExtraFigure[];
}

/**
 * Keyed by the transcription's source_url. Statuses and bounds follow the transcription's notes column
 * ("TARGET", "PLANNED", "lower bound", "approximate", "~"); the extra figures are the numbers that column states.
 */
export const ANNOTATIONS: Record<string, ReportNote> = {
  "https://euroradio.fm/en/belarus-chinese-industrial-park-great-stone-has-35-residents": {
    report: "по сообщению БелТА",
    figures: { residents_total: { note: "19 резидентов из Китая, 9 из Беларуси" } },
    extra: [{ measure: "residents_total", value: 8, status: "actual", date: { text: "2016", precision: "год" }, note: "на конец 2016 г." }],
  },
  "https://belnovosti.by/amp/ekonomika/park-velikiy-kamen-ozhidaet-popolnenie-i-rasshirenie": {
    extra: [{ measure: "residents_total", value: 60, status: "target", horizon: "2019", note: "ориентир на конец 2019 г." }],
  },
  "http://nesvizh.minsk-region.by/en/news/oblast/item/5115-some-500m-already-invested-in-china-belarus-industrial-park-great-stone-construction.html": {
    report: "министр экономики, по сообщению БелТА",
    figures: {
      residents_total: { note: "до регистрации новых резидентов в тот же день" },
      actual_investment_usd: { qualifier: "about", note: "из всех источников с начала строительства" },
      new_residents: { status: "plan", note: "регистрация объявлена на день сообщения" },
    },
  },
  "https://belarus24.by/en/news/society/great-stone-industrial-park-became-platform-for-prc-70th-anniversary-celebrations-in-belarus/": {
    report: "страница без даты; месяц — по событиям к 70-летию КНР",
  },
  "https://justarrived.by/en/news/great-stone-has-already-collected-more-than-520-million-dollars-of-investment": {
    figures: {
      residents_total: { note: "33 резидента из Китая; 12 проектов белорусских компаний" },
      declared_investment_usd: { status: "target", horizon: "2020", note: "ориентир на конец 2020 г., не факт" },
      actual_investment_usd: { note: "с начала проекта по декабрь 2019 г." },
    },
    extra: [{ measure: "residents_total", value: 80, status: "target", horizon: "2020", note: "ориентир на конец 2020 г." }],
  },
  "https://www.economy.gov.by/en/news-en/view/the-industrial-park-great-stone-new-residents-and-new-production-45555-2021/": {
    report: "Минэкономики",
    figures: {
      residents_total: { note: "на начало 2021 г. (дата приблизительная)" },
      jobs: { qualifier: "more_than", note: "созданные рабочие места; нижняя граница" },
      new_residents: { note: "за 2020 г." },
    },
  },
  "https://belarus.by/en/business/business-news/great-stone-industrial-park-raises-650m-in-investment-since-inception_i_125583.html": {
    report: "по сообщению БелТА",
    figures: {
      actual_investment_usd: { note: "с начала проекта" },
      jobs: { qualifier: "more_than", note: "занятые у резидентов; нижняя граница" },
    },
  },
  "https://www.sb.by/en/great-stone-park-residents-invested-363m-in-2022-.html": {
    report: "«СБ. Беларусь сегодня»",
    figures: { declared_investment_usd: { qualifier: "about" } },
    extra: [
      { measure: "actual_investment_usd", value: 363e6, status: "actual", period: "2022 (на дату)", note: "вложено резидентами в 2022 г.; в заголовке — 363, в тексте — 393 млн долл." },
      { measure: "actual_investment_usd", value: 393e6, status: "actual", period: "2022 (на дату)", note: "вложено резидентами в 2022 г.; в тексте — 393, в заголовке — 363 млн долл." },
    ],
  },
  "https://www.sb.by/en/six-new-residents-registered-at-great-stone.html": {
    report: "«СБ. Беларусь сегодня»",
    figures: { new_residents: { note: "зарегистрированы в день сообщения" } },
  },
  "http://belarus.kz/aktueller/18-/1/70615": {
    report: "источник на белорусском языке; итоги I полугодия",
    figures: {
      declared_investment_usd: { qualifier: "almost" },
      new_residents: { note: "их заявленные инвестиции — более 37 млн долл." },
    },
  },
  "https://sb.by/en/private-investments-in-great-stone-park-development-exceeds-budget-costs-8-fold.html": {
    report: "страница без даты, конец 2023 г.",
    figures: {
      jobs: { status: "plan", note: "планируемые рабочие места, не созданные" },
      new_residents: { note: "их заявленные инвестиции — 117 млн долл.; по данным Минэкономики от 22.02.2024 — 26" },
    },
  },
  "https://mlyn.by/20022024/v-velikom-kamne-planiruyut-sozdat-okolo-35-tys-novyh-rabochih-mest/": {
    figures: {
      actual_investment_usd: { qualifier: "more_than", note: "привлечено с начала проекта; нижняя граница" },
      jobs: { status: "target", qualifier: "about", period: "2024", horizon: "2024", note: "новые рабочие места за 2024 г., ориентир" },
      new_residents: { note: "с начала 2024 г." },
    },
  },
  "https://www.sb.by/en/economy-ministry-net-profit-of-great-stone-residents-doubled-in-2023.html": {
    report: "Минэкономики",
    figures: {
      new_residents: { note: "за 2023 г.; в более раннем сообщении «СБ» — 23" },
    },
  },
  "https://WWW.TVR.BY/eng/news/ekonomika/problem_s_privlecheniem_kompaniy_rezidentov_v_velikom_kamne_net_golovchenko/": {
    figures: {
      actual_investment_usd: { qualifier: "almost", note: "приближаются к 1 млрд долл." },
      new_residents: { note: "с начала 2024 г." },
    },
  },
  "https://news.by/eng/news/ekonomika/great-stone-has-added-11-residents-since-beginning-of-2025": {
    report: "страница 2025 г. без точной даты",
    figures: { new_residents: { note: "за 2024 г." } },
    extra: [
      { measure: "new_residents", value: 11, status: "actual", period: "2025 (на дату)", note: "с начала 2025 г." },
      { measure: "residents_total", value: 170, status: "target", horizon: "2025", note: "ориентир на конец 2025 г." },
      { measure: "residents_total", value: 270, status: "target", horizon: "2030", note: "ориентир к 2030 г." },
    ],
  },
  "https://news.by/eng/news/ekonomika/kakie_sovmestnye_proekty_svyazyvayut_belarus_i_kitay_i_kak_obshchie_dogovorennosti_rabotayut_na_ekon": {
    report: "страница без даты (визит в Пекин); значения близки к 2023 г.",
    figures: {
      residents_total: { note: "55 резидентов из Китая" },
      jobs: { note: "созданные рабочие места" },
    },
  },
  "https://news.by/news/ekonomika/1-7-mlrd-investitsiy-i-udvoenie-pribyli-2025-god-podtverdil-effektivnost-proekta-velikiy-kamen": {
    report: "опубликовано 29.01.2026, итоги 2025 г.",
    figures: { declared_investment_usd: { note: "портфель инвестиций резидентов" } },
  },
};

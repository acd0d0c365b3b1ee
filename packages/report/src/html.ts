// report/index.html: one self-contained page (inline css and svg, no script, strict csp); every data value escaped
import { barFigure, parkFigure, timeSeriesFigure } from "./charts.js";
import { formatBytes, formatSigned, formatValue, withUnit } from "./format.js";
import type { ReportModel } from "./index.js";
import type { Download } from "./downloads.js";
import type { Uncharted } from "./groups.js";
import { verdictStyle, type Claim } from "./model.js";
import { MIN_RANKED, rankText, type Standing, type WorldRank } from "./rank.js";
import { escapeXml as esc } from "./svg.js";

/** no script can run even if an escape were missed; styles and svg are inline, images only as data: urls */
export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/**
 * Where the page sits and what it links: report/index.html reaches dist/ files through "../"; the site's home page
 * sits beside its own copy of them (base "") and adds the site's top bar and a "get the data" box.
 */
export interface HtmlPlacement {
  /** prefix from the page to the folder holding the dist/ files */
  base: string;
  /** html placed first in the body (the site's top bar); trusted, built from escaped parts */
  banner: string;
  /** html placed right after the header's meta line (the site's "get the data" box); trusted, built from escaped parts */
  intro: string;
  /** css appended to the page's own (the site's styles for its intro) */
  css: string;
  /** the small files listed under the downloads (SHA256SUMS only where it sits beside the page's files) */
  others: readonly string[];
}

export const REPORT_PLACEMENT: HtmlPlacement = { base: "../", banner: "", intro: "", css: "", others: ["datapackage.json", "check.json", "SHA256SUMS"] };

/** doctype to </head>: the csp, viewport and no-referrer every page of the report and the site carries; `css` is trusted */
export function htmlHead(title: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${esc(title)}</title>
<style>${css}</style>
</head>`;
}

/** relative link from the page to a dist/ file */
const linkTo = (base: string, distPath: string) => `${base}${distPath.split("/").map(encodeURIComponent).join("/")}`;

/** a link only for http(s) urls; anything else (javascript:, data:) is shown as text */
export function safeLink(url: string, label = url): string {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? `<a href="${esc(url)}" rel="noopener noreferrer nofollow">${esc(label)}</a>` : esc(label);
}

/** "2026-11-28T00:00:00Z" → "2026-11-28": a snapshot date carries no time of day */
export function dateOf(created: string): string {
  return created.replace(/T00:00:00(\.0+)?Z$/, "");
}

export function badge(verdict: string): string {
  const v = verdictStyle(verdict);
  return `<span class="badge tone-${v.tone}"><span class="sym" aria-hidden="true">${esc(v.symbol)}</span> ${esc(v.label)}</span>`;
}

export function articleFigure(c: Claim): string {
  return withUnit(`${c.operator === "=" || c.operator === "" ? "" : `${c.operator} `}${c.printed}`, c.unit);
}

/** data value and difference are published in the article's unit (USD bn), as claims.csv has them */
export function dataValueText(c: Claim): string {
  if (c.dataValue === undefined) return "";
  return `${withUnit(formatValue(c.dataValue), c.unit)}${c.dataYear === undefined ? "" : ` (${c.dataYear})`}`;
}

export function differenceText(c: Claim): string {
  if (c.difference === undefined) return "";
  const rel = c.relativeDifference === undefined ? "" : ` (${formatSigned(Number((c.relativeDifference * 100).toPrecision(3)))}% relative)`;
  return `${withUnit(formatSigned(c.difference), c.unit.startsWith("%") ? `pp${c.unit.slice(1)}` : c.unit)}${rel}`;
}

const th = (s: string, scope: "col" | "row" = "col", cls = "") => `<th scope="${scope}"${cls ? ` class="${cls}"` : ""}>${esc(s)}</th>`;
const td = (s: string, cls = "") => `<td${cls ? ` class="${cls}"` : ""}>${esc(s)}</td>`;

function claimsTable(claims: readonly Claim[]): string {
  const head = ["Claim", "Article's figure", "Verdict", "Data value (year)", "Difference", "Explanation and evidence"];
  const rows = claims.map((c) => {
    const evidence = c.evidenceFile === "" ? "" : `${c.evidenceDataset}: ${c.evidenceFile}${c.evidenceLine === undefined ? "" : `:${c.evidenceLine}`}${c.evidenceVintage ? `, retrieved ${c.evidenceVintage}` : ""}`;
    const what = [c.subject, c.measure, c.referenceYear === undefined ? "" : String(c.referenceYear)].filter((x) => x !== "").join(" · ");
    return (
      `<tr class="claim"><th scope="row" class="id">${esc(c.id)}<span class="what">${esc(what)}</span></th>` +
      `${td(articleFigure(c), "num")}<td>${badge(c.verdict)}</td>${td(dataValueText(c), "num")}${td(differenceText(c), "num")}` +
      `<td class="explain">${esc(c.explanation)}${evidence === "" ? "" : `<span class="evidence">${esc(evidence)}</span>`}</td></tr>`
    );
  });
  return `<div class="scroll"><table class="claims"><thead><tr>${head.map((h) => th(h)).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function downloadsTable(downloads: readonly Download[], base: string): string {
  const file = (f: Download["csv"] | undefined, label: string) =>
    f === undefined
      ? `<td class="none">—</td>`
      : `<td class="file"><a href="${esc(linkTo(base, f.path))}" data-download="${esc(f.path)}">${esc(label)}</a> <span class="size">${esc(formatBytes(f.bytes))}</span><br><code class="sha">${esc(f.sha256)}</code></td>`;
  const rows = downloads.map(
    (d) => `<tr><th scope="row" class="dataset">${esc(d.name)}<span class="what">${esc(d.title)}</span></th>${td(String(d.rows), "num")}${file(d.csv, "CSV")}${file(d.json, "JSON")}</tr>`,
  );
  const head = ["Dataset", "Rows", "CSV (size, sha256)", "JSON (size, sha256)"];
  return `<div class="scroll"><table class="downloads"><thead><tr>${head.map((h) => th(h)).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

/** per series, each subject's rank among all economies in its latest year (value and year beside it) */
export function ranksTable(ranks: readonly WorldRank[], subjects: readonly { code: string; name: string }[]): string {
  const cell = (s: Standing | undefined) =>
    s === undefined ? `<td class="none">—</td>` : `<td class="num"><strong>${esc(rankText(s))}</strong><span class="rel">${esc(formatValue(s.value, 4))} in ${s.year}</span></td>`;
  const head = ["Series", "Unit", ...subjects.map((s) => s.name)];
  const rows = ranks.map(
    (r) =>
      `<tr><th scope="row" class="dataset"><code>${esc(r.indicator)}</code><span class="what">${esc(r.indicatorName)} (${esc(r.dataset)})</span></th>` +
      `${td(r.unit)}${r.standings.map(cell).join("")}</tr>`,
  );
  return `<div class="scroll"><table class="ranks"><thead><tr>${head.map((h) => th(h)).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function unchartedList(items: readonly Uncharted[]): string {
  if (items.length === 0) return "";
  const li = items.map((u) => `<li>${esc(u.what)}${u.claims.length ? ` — claims ${esc(u.claims.join(", "))}` : ""}: ${esc(u.reason)}</li>`).join("");
  return `<div class="uncharted"><p>Not charted:</p><ul>${li}</ul></div>`;
}

export function renderHtml(m: ReportModel, place: HtmlPlacement = REPORT_PLACEMENT): string {
  const { view } = m;
  const title = view.title || "bycn report";
  let chartNo = 0;
  const nextId = () => `c${++chartNo}`;
  const bars = m.bars.groups.map((g) => barFigure(g, nextId())).join("");
  const series = m.series.charts.map((c) => timeSeriesFigure(c, nextId())).join("");
  const park = m.park.charts.map((c) => parkFigure(c, nextId())).join("");
  const counts = m.verdicts.map(([v, k]) => `<li>${badge(v)} <span class="count">${k}</span></li>`).join("");
  const checkCounts = m.check.counts.map(([sev, k]) => `${k} ${sev}${k === 1 || sev === "info" ? "" : "s"}`).join(", ");
  const elsewhere = m.check.elsewhere === 0 ? "" : `<p class="muted">${m.check.elsewhere} more finding${m.check.elsewhere === 1 ? " is" : "s are"} about economies outside the comparison set; check.json lists ${m.check.elsewhere === 1 ? "it" : "them all"}.</p>`;
  const findings = m.check.findings.length === 0
    ? `<p>No data errors or warnings outside the claims.</p>`
    : `<div class="scroll"><table class="findings"><thead><tr>${["Finding", "Message and where"].map((h) => th(h)).join("")}</tr></thead><tbody>${m.check.findings
        .map((f) => {
          const where = f.file === "" ? "" : `${f.file}${f.line === undefined ? "" : `:${f.line}`}`;
          const sev = `<span class="badge tone-${f.severity === "error" ? "bad" : "warn"}"><span class="sym" aria-hidden="true">${f.severity === "error" ? "✗" : "!"}</span> ${esc(f.severity)}</span>`;
          return `<tr><th scope="row" class="finding">${sev}<code>${esc(f.code)}</code><span class="muted">${esc(f.category)}</span></th><td class="explain">${esc(f.message)}${where === "" ? "" : `<span class="evidence">${esc(where)}</span>`}</td></tr>`;
        })
        .join("")}</tbody></table></div>`;
  const sources = view.sources
    .map(
      (s) =>
        `<li><strong>${esc(s.title || s.id)}</strong> <span class="muted">(${esc(s.id)})</span><br>` +
        `${safeLink(s.path)}<br>retrieved / version ${esc(s.version)}; licence: ${esc(s.licence)}; ` +
        `${s.files.length} raw file${s.files.length === 1 ? "" : "s"}: ${s.files.map((f) => `<code>${esc(f.path)}</code>`).join(", ")}</li>`,
    )
    .join("");
  const notes = view.notes.length === 0 ? "" : `<section id="notes"><h2>Reading notes</h2><ul>${view.notes.map((x) => `<li>${esc(x)}</li>`).join("")}</ul></section>`;
  const other = place.others
    .map((p) => {
      const f = view.files.get(p);
      return `<li><a href="${esc(linkTo(place.base, p))}" data-download="${esc(p)}">${esc(p)}</a>${f ? ` <span class="size">${esc(formatBytes(f.bytes))}</span> <code class="sha">${esc(f.sha256)}</code>` : ""}</li>`;
    })
    .join("");

  return `${htmlHead(title, `${CSS}${place.css}`)}
<body>
${place.banner}<header>
<h1>${esc(title)}</h1>
<p class="lede">${esc(view.description)}</p>
<p class="meta">Data package <code>${esc(view.name)}</code> version ${esc(view.version)}${view.created ? `, built from snapshots up to ${esc(dateOf(view.created))}` : ""}. Every figure below comes from the files in this dist/ folder.</p>
<nav aria-label="Sections"><a href="#summary">Summary</a> <a href="#claims">Claims</a> <a href="#charts">Charts</a> <a href="#ranks">World ranks</a> <a href="#findings">Findings</a> <a href="#downloads">Downloads</a> <a href="#provenance">Provenance</a></nav>
${place.intro}
</header>
<main>
<section id="summary">
<h2>Verdicts</h2>
<p>${m.claims.length} figure${m.claims.length === 1 ? "" : "s"} of the article checked against the data.</p>
<ul class="verdicts">${counts}</ul>
${checkCounts ? `<p class="muted">All checks (check.json): ${esc(checkCounts)}.</p>` : ""}
</section>
<section id="claims">
<h2>Claims</h2>
<p>One row per figure: the value as the article prints it, the verdict, the value in the data, the difference (data minus article) and why.</p>
${claimsTable(m.claims)}
</section>
<section id="charts">
<h2>Belarus and China on the article's indicators</h2>
<p>Each chart shows the data value for the year the article refers to; the marker is the article's figure.</p>
<div class="grid">${bars}</div>
${unchartedList(m.bars.uncharted)}
<h2>Over time, against the peer group</h2>
<p class="muted">Peers: ${esc(m.peers.join(", "))}.</p>
<div class="grid">${series}</div>
${unchartedList(m.series.uncharted)}
<h2>The Great Stone industrial park</h2>
<p>Figures as news reports gave them (actuals only). Two reports of the same period with different values are drawn as diamonds.</p>
<div class="grid">${park}</div>
${unchartedList(m.park.uncharted)}
</section>
<section id="ranks">
<h2>Where they rank in the world</h2>
<p>Rank among every economy with a value for the series in one year: the subject's latest year that at least half as many economies report as the series' best-covered year (recent years are often reported by few economies yet). 1 = highest value; aggregates such as regions and the world are not ranked; = marks a value shared with other economies, which share the rank. Series with fewer than ${MIN_RANKED} economies are left out.</p>
${ranksTable(m.ranks, m.subjects)}
</section>
<section id="findings">
<h2>Data findings</h2>
<p>Errors and warnings from the consistency and cross-source checks on the economies charted here (claims are above).</p>
${findings}
${elsewhere}
</section>
<section id="downloads">
<h2>Downloads</h2>
<p>Every table as CSV (text cells that start with = + - @ carry one leading apostrophe, a spreadsheet guard) and as JSON (exact values). Check a file with <code>sha256sum</code>.</p>
${downloadsTable(m.downloads, place.base)}
<ul class="other">${other}</ul>
</section>
<section id="provenance">
<h2>Provenance</h2>
<ul class="sources">${sources}</ul>
</section>
${notes}
</main>
<footer><p>Generated by bycn from dist/ only.</p></footer>
</body>
</html>
`;
}

export const CSS = `
:root{--fg:#1b1f24;--muted:#5b6470;--line:#d6dbe1;--bg:#fff;--soft:#f4f6f8;--s0:#1f5fa8;--s1:#c0392b;--s2:#7a4fb0;--s3:#2e8b57;--peer:#b9c0c8;--good:#1e7b34;--good-bg:#e3f4e6;--warn:#8a5a00;--warn-bg:#fff1d1;--bad:#b02a1e;--bad-bg:#fde4e1;--none:#4b5563;--none-bg:#eceff2;--mark:#111}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:1180px;margin:0 auto;padding:0 16px}
header{padding-top:20px}
h1{font-size:1.6rem;line-height:1.25;margin:.2em 0 .3em}
h2{font-size:1.25rem;margin:1.6em 0 .5em;border-bottom:1px solid var(--line);padding-bottom:.2em}
.lede{font-size:1.05rem;margin:.2em 0}
.meta,.muted,.size,figcaption .fig-sub{color:var(--muted)}
nav{display:flex;flex-wrap:wrap;gap:.4em 1em;margin:.8em 0}
nav a{white-space:nowrap}
a{color:#1a56a6}
code{font:12.5px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;overflow-wrap:anywhere}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
table{border-collapse:collapse;font-size:13.5px;width:100%}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
thead th{background:var(--soft);position:sticky;top:0;white-space:nowrap}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12.5px}
th.id{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12.5px;white-space:nowrap}
th.id .what{display:block;font-weight:400;color:var(--muted);white-space:normal;max-width:14em;overflow-wrap:break-word}
th.dataset .what{display:block;font-weight:400;color:var(--muted);min-width:12em;max-width:22em}
table.claims td.num{white-space:normal;min-width:6.5em;max-width:11em}
table.claims td.explain{width:50%}
.rel{display:block;color:var(--muted);font-size:12.5px}
td.explain{min-width:22em}
td.evidence,.evidence{font-size:12.5px;color:var(--muted);overflow-wrap:anywhere}
td.explain .evidence{display:block;margin-top:3px}
td.none{color:var(--muted)}
td.file{min-width:17em}
code.sha{font-size:11.5px;color:var(--muted)}
.badge{display:inline-block;white-space:nowrap;border-radius:999px;padding:1px 9px;font-size:12.5px;font-weight:600;border:1px solid currentColor}
.badge .sym{font-weight:700}
.tone-good{color:var(--good);background:var(--good-bg)}
.tone-warn{color:var(--warn);background:var(--warn-bg)}
.tone-bad{color:var(--bad);background:var(--bad-bg)}
.tone-none{color:var(--none);background:var(--none-bg)}
th.finding{font-weight:400;white-space:nowrap}
th.finding code,th.finding .muted{display:block;margin-top:2px}
table.findings td.explain{min-width:16em}
ul.verdicts{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:8px 18px}
ul.verdicts .count{font-weight:700;font-size:1.1rem;margin-left:2px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,460px),1fr));gap:18px}
figure.chart{margin:0;border:1px solid var(--line);border-radius:8px;padding:10px 12px;min-width:0}
figcaption{margin-bottom:6px}
figcaption .fig-title{font-weight:650}
figcaption .fig-sub{font-size:12.5px;display:block}
figure svg{display:block;width:100%;height:auto;max-width:100%;font-family:system-ui,"DejaVu Sans",sans-serif}
details{margin-top:6px;font-size:13px}
summary{cursor:pointer;color:#1a56a6}
table.wide th,table.wide td{white-space:nowrap;padding:3px 6px}
.legend{font-size:12.5px;color:var(--muted);margin:4px 0 0}
.key{display:inline-block;width:14px;height:10px;vertical-align:middle;margin-left:6px}
.bar-key.s0{background:var(--s0)}.bar-key.s1{background:var(--s1)}.bar-key.s2{background:var(--s2)}.bar-key.s3{background:var(--s3)}
.period-key{height:0;width:16px;border-top:2px solid var(--s0);opacity:.6}
.marker-key{width:3px;height:14px;background:var(--mark)}
.marker-key.h{width:16px;height:0;border-top:2px dashed var(--mark);background:none}
.line-key{height:0;border-top:3px solid}
.line-key.s0{border-color:var(--s0)}.line-key.s1{border-color:var(--s1)}.line-key.s2{border-color:var(--s2)}.line-key.s3{border-color:var(--s3)}
.line-key.peer{border-top-width:1.5px;border-color:var(--peer)}
.point-key{width:10px;height:10px;border-radius:50%;background:var(--s0)}
.cutoff-key{width:0;height:14px;border-left:2px dotted var(--muted);margin-right:4px}
.conflict-key{width:10px;height:10px;background:var(--s1);transform:rotate(45deg)}
td.conflict{color:var(--bad);font-weight:600;white-space:nowrap}
.uncharted{font-size:13.5px;color:var(--muted)}
.uncharted p{margin:.6em 0 .2em}
.sources li,.other li{margin:.5em 0;overflow-wrap:anywhere}
footer{color:var(--muted);font-size:13px;padding-bottom:24px}
svg text{font-size:13px;fill:var(--fg)}
svg .tick-label{font-size:12px;fill:var(--muted)}
svg .axis-label{font-size:12.5px;fill:var(--muted)}
svg .domain,svg .tick{stroke:#8a939d;stroke-width:1}
svg .grid{stroke:#eceff2;stroke-width:1}
svg .block-label{font-weight:650}
svg .band-label{font-size:12.5px}
svg .value-label{font-size:12px;fill:var(--fg)}
svg .no-data{font-size:12px;fill:var(--muted);font-style:italic}
svg .bar.s0{fill:var(--s0)}svg .bar.s1{fill:var(--s1)}svg .bar.s2{fill:var(--s2)}svg .bar.s3{fill:var(--s3)}
svg .article-mark line{stroke:var(--mark);stroke-width:2.5;stroke-dasharray:5 3}
svg .marker-label{font-size:12px;font-weight:650;fill:var(--mark)}
svg .line{fill:none;stroke-linejoin:round;stroke-linecap:round}
svg .line.peer{stroke:var(--peer);stroke-width:1.2}
svg .line.subject{stroke-width:3}
svg .line.s0{stroke:var(--s0)}svg .line.s1{stroke:var(--s1)}svg .line.s2{stroke:var(--s2)}svg .line.s3{stroke:var(--s3)}
svg .end-label{font-size:13px;font-weight:650}
svg .end-value{font-size:12px;font-weight:400}
svg .end-label.s0{fill:var(--s0)}svg .end-label.s1{fill:var(--s1)}svg .end-label.s2{fill:var(--s2)}svg .end-label.s3{fill:var(--s3)}
svg .dot.peer{fill:var(--peer)}svg .dot.s0{fill:var(--s0)}svg .dot.s1{fill:var(--s1)}
svg .point{fill:var(--s0);stroke:#fff;stroke-width:1}
svg .point.conflict{fill:var(--s1);stroke:#fff}
svg .period{stroke:var(--s0);stroke-width:2;opacity:.6}
svg .cutoff line{stroke:var(--muted);stroke-width:1.5;stroke-dasharray:2 3}
svg .cutoff .marker-label{fill:var(--muted);font-weight:400}
svg .trend{stroke:var(--s0);stroke-width:1;opacity:.35}
@media (max-width:640px){
body{font-size:14px}
header,main,footer{padding:0 10px}
h1{font-size:1.3rem}
figure.chart{padding:8px}
td.explain{min-width:18em}
svg text{font-size:16px}
svg .tick-label,svg .value-label,svg .marker-label,svg .end-value,svg .no-data{font-size:15px}
svg .axis-label,svg .band-label,svg .end-label{font-size:15.5px}
}
`;

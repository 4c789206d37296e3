"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

export type NavLabels = Record<
  "dashboardNav" | "language" | "exportCsv" | "pdfPage" | `nav_${(typeof SECTIONS)[number]}` | `export_${ExportName}`,
  string
>;
type ExportName = "overview" | "growth" | "reach" | "campaigns" | "posts" | "replies" | "reply-texts" | "compare";

// The CSV exports behind each dashboard page (lib/export/datasets.ts), with the page's own filters.
const EXPORTS: Partial<Record<(typeof SECTIONS)[number], ExportName[]>> = {
  overview: ["overview"],
  growth: ["growth"],
  reach: ["reach", "campaigns"],
  posts: ["posts"],
  replies: ["replies", "reply-texts"],
  compare: ["compare"],
};
// `shown` keeps the form's displayed dates from reading as typed ones; `lang` gives the CSV the page's labels.
const EXPORT_FILTERS = ["lang", "range", "from", "to", "shown", "bucket", "channel", "agency", "compare"];
type Lang = "nb" | "en" | "sv";
// Dashboard pages that /agencies/<slug>/pdf/<page> prints.
const PDF_PAGES = new Set(["overview", "growth", "reach", "posts", "replies", "compare"]);

const SECTIONS = [
  "overview",
  "growth",
  "reach",
  "posts",
  "replies",
  "compare",
  "campaigns",
  "connections",
  "inbox",
  "outcomes",
  "reports",
  "alerts",
] as const;
// Filters that mean the same on every dashboard page travel along with the navigation.
const SHARED = ["lang", "range", "from", "to", "shown", "bucket", "channel", "compare", "axis"];
const LANGUAGES: { code: Lang; name: string }[] = [
  { code: "nb", name: "Norsk bokmål" },
  { code: "en", name: "English" },
  { code: "sv", name: "Svenska" },
];

export function DashboardNav(props: {
  slug: string;
  labels: Record<Lang, NavLabels>;
  /** The agency's language: the page speaks it unless the address chose another (`lang`). */
  defaultLang: Lang;
  mayExportReplyTexts: boolean;
}) {
  const pathname = usePathname();
  const params = useSearchParams();
  const lang = (LANGUAGES.find((l) => l.code === params.get("lang"))?.code ?? props.defaultLang) as Lang;
  const t = props.labels[lang];
  const shared = new URLSearchParams();
  for (const [k, v] of params) if (SHARED.includes(k)) shared.append(k, v);
  const query = shared.toString() ? `?${shared}` : "";
  const base = `/agencies/${props.slug}`;
  const withLang = (code: Lang) => {
    const p = new URLSearchParams(params);
    if (code === props.defaultLang) p.delete("lang");
    else p.set("lang", code);
    return `${pathname}${p.toString() ? `?${p}` : ""}`;
  };
  const section = SECTIONS.find((s) => pathname === (s === "overview" ? base : `${base}/${s}`));
  const exportQuery = new URLSearchParams();
  for (const [k, v] of params) if (EXPORT_FILTERS.includes(k)) exportQuery.append(k, v);
  const exports = (section ? (EXPORTS[section] ?? []) : []).filter(
    (e) => e !== "reply-texts" || props.mayExportReplyTexts,
  );
  return (
    <div className="dash-nav">
      <nav aria-label={t.dashboardNav}>
        <ul>
          {SECTIONS.map((s) => {
            const href = s === "overview" ? base : `${base}/${s}`;
            const current = pathname === href;
            return (
              <li key={s}>
                <Link href={`${href}${query}`} aria-current={current ? "page" : undefined}>
                  {t[`nav_${s}`]}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {section && PDF_PAGES.has(section) && (
        <p className="exports">
          <a href={`${base}/pdf/${section}${exportQuery.size ? `?${exportQuery}` : ""}`} download>
            {t.pdfPage}
          </a>
        </p>
      )}
      {exports.length > 0 && (
        <p className="exports">
          {t.exportCsv}:{" "}
          {exports.map((e, i) => (
            <span key={e}>
              {i > 0 && " · "}
              <a href={`/api/agencies/${props.slug}/export/${e}${exportQuery.size ? `?${exportQuery}` : ""}`} download>
                {t[`export_${e}`]}
              </a>
            </span>
          ))}
        </p>
      )}
      <nav aria-label={t.language} className="lang-switch">
        <ul>
          {LANGUAGES.map((l) => (
            <li key={l.code}>
              <Link
                href={withLang(l.code)}
                lang={l.code}
                hrefLang={l.code}
                aria-current={l.code === lang ? "true" : undefined}
              >
                {l.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

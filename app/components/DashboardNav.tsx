"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

export type NavLabels = Record<"dashboardNav" | "language" | `nav_${(typeof SECTIONS)[number]}`, string>;
type Lang = "nb" | "en" | "sv";

const SECTIONS = ["overview", "growth", "reach", "posts", "replies", "compare", "connections", "inbox", "outcomes", "reports"] as const;
// Filters that mean the same on every dashboard page travel along with the navigation.
const SHARED = ["lang", "range", "from", "to", "bucket", "channel"];
const LANGUAGES: { code: Lang; name: string }[] = [
  { code: "nb", name: "Norsk bokmål" },
  { code: "en", name: "English" },
  { code: "sv", name: "Svenska" },
];

export function DashboardNav(props: { slug: string; labels: Record<Lang, NavLabels> }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const lang = (LANGUAGES.find((l) => l.code === params.get("lang"))?.code ?? "nb") as Lang;
  const t = props.labels[lang];
  const shared = new URLSearchParams();
  for (const [k, v] of params) if (SHARED.includes(k)) shared.append(k, v);
  const query = shared.toString() ? `?${shared}` : "";
  const base = `/agencies/${props.slug}`;
  const withLang = (code: Lang) => {
    const p = new URLSearchParams(params);
    if (code === "nb") p.delete("lang");
    else p.set("lang", code);
    return `${pathname}${p.toString() ? `?${p}` : ""}`;
  };
  return (
    <div className="dash-nav">
      <nav aria-label={t.dashboardNav}>
        <ul>
          {SECTIONS.map((s) => {
            const href = s === "overview" ? base : `${base}/${s}`;
            const current = pathname === href;
            return (
              <li key={s}>
                <Link href={`${href}${query}`} aria-current={current ? "page" : undefined}>{t[`nav_${s}`]}</Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <nav aria-label={t.language} className="lang-switch">
        <ul>
          {LANGUAGES.map((l) => (
            <li key={l.code}>
              <Link href={withLang(l.code)} lang={l.code} hrefLang={l.code} aria-current={l.code === lang ? "true" : undefined}>{l.name}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

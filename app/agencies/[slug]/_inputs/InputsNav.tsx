import type { UiLocale } from "@/lib/format";
import type { Translator } from "@/lib/intl";
import { withAgencyLang } from "@/lib/intl/requestLocale";

/** Heading block shared by the inputs pages: back link, title and links between the three views. */
export function InputsHeader(props: {
  slug: string;
  agencyName: string;
  title: string;
  current: "inbox" | "work-items" | "outcomes";
  t: Translator<"inputs">;
  lang: UiLocale;
  /** The agency's own language: links carry `lang` only when another was chosen. */
  agencyLocale: UiLocale;
}) {
  const base = `/agencies/${props.slug}`;
  const link = (key: typeof props.current, label: string) => (
    <li>
      <a
        href={withAgencyLang(`${base}/${key}`, props.lang, { locale: props.agencyLocale })}
        aria-current={props.current === key ? "page" : undefined}
      >
        {label}
      </a>
    </li>
  );
  return (
    <>
      <p>
        <a href={withAgencyLang("/", props.lang, { locale: props.agencyLocale })}>{props.t("back")}</a>
      </p>
      <h1>{props.title}</h1>
      <p className="meta">{props.agencyName}</p>
      <nav aria-label={props.t("navLabel")} className="inputs-nav">
        <ul>
          {link("inbox", props.t("navInbox"))}
          {link("work-items", props.t("navWork"))}
          {link("outcomes", props.t("navOutcomes"))}
        </ul>
      </nav>
    </>
  );
}

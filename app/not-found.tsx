import Link from "next/link";
import { headers } from "next/headers";

const TEXT = {
  nb: { title: "Fant ikke siden", body: "Siden finnes ikke, eller du har ikke tilgang til den.", home: "Til forsiden" },
  sv: {
    title: "Sidan hittades inte",
    body: "Sidan finns inte, eller så har du inte åtkomst till den.",
    home: "Till startsidan",
  },
  en: {
    title: "Page not found",
    body: "The page does not exist, or you do not have access to it.",
    home: "Go to the front page",
  },
} as const;

/** The product's own 404, in the language the browser asks for (bokmål unless it prefers Swedish or English). */
export default async function NotFound() {
  const accept = ((await headers()).get("accept-language") ?? "").toLowerCase();
  const first = accept.split(",")[0]?.trim() ?? "";
  const lang = first.startsWith("sv") ? "sv" : first.startsWith("en") ? "en" : "nb";
  const t = TEXT[lang];
  return (
    <main id="main" lang={lang}>
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      <p>
        <Link href="/">{t.home}</Link>
      </p>
    </main>
  );
}

import type { Metadata } from "next";
import { translator } from "@/lib/intl";
import { documentLocale } from "@/lib/intl/documentLocale";
import "./globals.css";

export const metadata: Metadata = {
  title: "Kanalmåling",
  description: "Publikumsanalyse for offentlige virksomheter",
};

// The page's language (WCAG 3.1.1) comes from its address through proxy.ts: layouts see no search parameters.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await documentLocale();
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {translator(locale, "common")("skipToContent")}
        </a>
        {children}
      </body>
    </html>
  );
}

import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Kanalmåling",
  description: "Publikumsanalyse for offentlige virksomheter",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="nb">
      <body>
        <a className="skip-link" href="#main">
          Hopp til innholdet
        </a>
        {children}
      </body>
    </html>
  );
}

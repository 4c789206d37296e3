import type { UiLocale } from "@/lib/format";

/** Texts for taking a chart or a page with you: PNG and PDF downloads (bokmål is the default). */
const nb = {
  pdfPage: "Last ned siden som PDF",
  png: "Last ned figuren som PNG",
  source: "Kilde: Kanalmåling",
  pdfFailed: "PDF-en kunne ikke lages akkurat nå. Prøv igjen om litt.",
};
type Texts = typeof nb;
const en: Texts = {
  pdfPage: "Download this page as PDF",
  png: "Download the chart as PNG",
  source: "Source: Kanalmåling",
  pdfFailed: "The PDF could not be made just now. Try again in a moment.",
};
const sv: Texts = {
  pdfPage: "Ladda ner sidan som PDF",
  png: "Ladda ner diagrammet som PNG",
  source: "Källa: Kanalmåling",
  pdfFailed: "PDF:en kunde inte skapas just nu. Försök igen om en stund.",
};

export function takeawayTexts(locale: UiLocale): Texts {
  return locale === "en" ? en : locale === "sv" ? sv : nb;
}

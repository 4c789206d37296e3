import { formatDay } from "@/lib/format";
import { localDay } from "@/lib/time";

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/** 23.11.2026 kl. 14:05 in the agency's time zone. */
export function formatInstant(at: Date, timeZone: string): string {
  let fmt = timeFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("nb-NO", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    timeFormatters.set(timeZone, fmt);
  }
  return `${formatDay(localDay(at, timeZone), "nb")} kl. ${fmt.format(at)}`;
}

export function formatShare(part: number, whole: number): string {
  if (whole === 0) return "–";
  return `${new Intl.NumberFormat("nb-NO", { maximumFractionDigits: 0 }).format((100 * part) / whole)} %`;
}

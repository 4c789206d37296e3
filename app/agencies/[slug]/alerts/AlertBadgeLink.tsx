"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";

export function AlertBadgeLink(props: { href: string; labels: Record<"nb" | "en" | "sv", string> }) {
  const lang = useSearchParams().get("lang");
  const code = lang === "en" || lang === "sv" ? lang : "nb";
  return (
    <p className="alert-badge">
      <Link href={code === "nb" ? props.href : `${props.href}?lang=${code}`} data-alert-count>
        {props.labels[code]}
      </Link>
    </p>
  );
}

import { translator } from "@/lib/intl";
import { db } from "@/lib/db/client";
import { AlertBadgeLink } from "./AlertBadgeLink";

/** "3 nye varsler siste døgn" in the agency header, linking to the alerts page; nothing when there are none. */
export async function AlertBadge(props: { agencyId: string; slug: string }) {
  const count = await db().alert.count({
    where: { agencyId: props.agencyId, createdAt: { gte: new Date(Date.now() - 86_400_000) } },
  });
  if (!count) return null;
  const labels = {
    nb: translator("nb", "alerts")("newCount", { n: count }),
    en: translator("en", "alerts")("newCount", { n: count }),
    sv: translator("sv", "alerts")("newCount", { n: count }),
  };
  return <AlertBadgeLink href={`/agencies/${props.slug}/alerts`} labels={labels} />;
}

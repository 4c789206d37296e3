import { db } from "@/lib/db/client";
import type { UiLocale } from "@/lib/format";
import type { Platform } from "@/lib/generated/prisma/client";
import { translator } from "@/lib/intl";
import { platformLabel } from "@/lib/intl/labels";
import { pageScope, type PageProps } from "@/lib/metrics/request";
import { listAgencyAccounts } from "@/lib/queries/listAgencyAccounts";

export type { PageProps } from "@/lib/metrics/request";

export function channelLabel(c: { platform: Platform; handle: string }, locale: UiLocale): string {
  return `${platformLabel(c.platform, locale)} · ${c.handle}`;
}

/** What every dashboard page starts from: the request pipeline's scope (lib/metrics/request.ts) and the agency's channels for the filter form. */
export async function dashboardContext(props: PageProps) {
  const { scope, agency, search, filters, errors } = await pageScope(props);
  const channels = await listAgencyAccounts(db(), agency.id);
  const m = translator(scope.lang, "metrics");
  const notices = [
    ...(scope.period.datesOverride ? [m("datesOverride")] : []),
    ...(scope.period.partial ? [m("partialPeriod")] : []),
  ];
  return {
    scope,
    agency,
    search,
    filters,
    errors,
    notices,
    today: scope.today,
    range: { from: scope.period.from, to: scope.period.to, bucket: scope.bucket, bucketAdjusted: scope.bucketAdjusted },
    locale: scope.lang,
    t: translator(scope.lang, "common"),
    m,
    /** The summary sentence where the range has nothing to summarise. */
    summaryUnavailable: translator(scope.lang, "summary")("unavailable"),
    accountIds: scope.channels,
    channelOptions: channels.map((c) => ({ id: c.id, label: channelLabel(c, scope.lang) })),
  };
}

export type DashboardContext = Awaited<ReturnType<typeof dashboardContext>>;

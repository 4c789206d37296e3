import { db } from "@/lib/db/client";
import { messages, PLATFORM_LABEL } from "@/lib/i18n";
import { metricsMessages } from "@/lib/i18nMetrics";
import { pageScope, type PageProps } from "@/lib/metrics/request";
import type { Platform } from "@/lib/generated/prisma/client";
import { listAgencyAccounts } from "@/lib/queries/listAgencyAccounts";

export type { PageProps } from "@/lib/metrics/request";

export function channelLabel(c: { platform: Platform; handle: string }): string {
  return `${PLATFORM_LABEL[c.platform]} · ${c.handle}`;
}

/** What every dashboard page starts from: the request pipeline's scope (lib/metrics/request.ts) and the agency's channels for the filter form. */
export async function dashboardContext(props: PageProps) {
  const { scope, agency, search, filters, errors } = await pageScope(props);
  const channels = await listAgencyAccounts(db(), agency.id);
  const notices = [
    ...(scope.period.datesOverride ? [metricsMessages(scope.lang).datesOverride] : []),
    ...(scope.period.partial ? [metricsMessages(scope.lang).partialPeriod] : []),
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
    t: messages(scope.lang),
    m: metricsMessages(scope.lang),
    accountIds: scope.channels,
    channelOptions: channels.map((c) => ({ id: c.id, label: channelLabel(c) })),
  };
}

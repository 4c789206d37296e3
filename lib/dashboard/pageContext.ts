import { db } from "@/lib/db/client";
import { parseFilters, resolveRange, type SearchParams } from "@/lib/dashboard/filters";
import { messages, PLATFORM_LABEL } from "@/lib/i18n";
import { requireVisibleAgency } from "@/lib/permissions/access";
import { getAgencyChannels, type ChannelSummary } from "@/lib/queries/getAgencyChannels";
import { getFirstCollectedDay } from "@/lib/queries/getFirstCollectedDay";
import { localDay } from "@/lib/time";

export type PageProps = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

export function channelLabel(c: { platform: ChannelSummary["platform"]; handle: string }): string {
  return `${PLATFORM_LABEL[c.platform]} · ${c.handle}`;
}

/** What every dashboard page starts from: the visible agency (404 otherwise), the URL's filters and its channels. */
export async function dashboardContext(props: PageProps) {
  const { slug } = await props.params;
  const agency = await requireVisibleAgency(slug);
  const search = await props.searchParams;
  const { filters, errors } = parseFilters(search);
  const today = localDay(new Date(), agency.timeZone);
  const earliest = filters.range === "all" ? await getFirstCollectedDay(db(), agency.id) : null;
  const range = resolveRange(filters, today, earliest);
  const [info] = await getAgencyChannels(db(), [agency.id]);
  const channels = info?.channels ?? [];
  // Channel ids from the URL count only when they are this agency's channels.
  const chosen = filters.channel?.filter((id) => channels.some((c) => c.accountId === id)) ?? [];
  return {
    agency, search, filters, errors, today, range, channels,
    locale: filters.lang, t: messages(filters.lang),
    accountIds: chosen.length ? chosen : undefined,
    channelOptions: channels.map((c) => ({ id: c.accountId, label: channelLabel(c) })),
  };
}

import type { Db } from "@/lib/db/client";
import { upsertDailyMetrics } from "@/lib/ingest/dailyMetrics";
import { upsertPosts } from "@/lib/ingest/posts";
import { upsertReplies } from "@/lib/ingest/replies";
import { dayToDate, localDay, type Day } from "@/lib/time";
import { DEMO_AGENCIES } from "./catalog";
import { accountHistory } from "./history";
import { loadDemoInputs } from "./inputs";

export type DemoSummary = { agencies: number; accounts: number; days: number; posts: number; replies: number };

/**
 * Loads the demo agencies and their history through the same write functions the collectors use.
 * Idempotent: running it twice leaves the same rows.
 */
export async function loadDemoData(db: Db, opts: { pseudonymisationKey: string; today?: Day }): Promise<DemoSummary> {
  const summary: DemoSummary = { agencies: 0, accounts: 0, days: 0, posts: 0, replies: 0 };
  const idsBySlug = new Map<string, string>();
  for (const agency of DEMO_AGENCIES) {
    const parentId = agency.parentSlug ? (idsBySlug.get(agency.parentSlug) ?? null) : null;
    const fields = {
      name: agency.name,
      locale: agency.locale,
      timeZone: agency.timeZone,
      parentId,
      ...(agency.publicPage ? { publicPage: true } : {}),
    };
    // Marked as demo when created; an agency people created under the same slug is never turned into one.
    const row = await db.agency.upsert({
      where: { slug: agency.slug },
      create: { slug: agency.slug, isDemo: true, ...fields },
      update: fields,
    });
    idsBySlug.set(agency.slug, row.id);
    summary.agencies++;
    const today = opts.today ?? localDay(new Date(), agency.timeZone);
    const accountIds = new Map<string, string>();
    for (const account of agency.accounts) {
      const key = { agencyId: row.id, platform: account.platform, handle: account.handle };
      const acc = await db.account.upsert({
        where: { agencyId_platform_handle: key },
        create: { ...key, displayName: account.displayName },
        update: { displayName: account.displayName },
      });
      accountIds.set(account.handle, acc.id);
      const history = accountHistory(
        account,
        { agencyId: row.id, accountId: acc.id, timeZone: agency.timeZone },
        today,
      );
      summary.accounts++;
      summary.days += await upsertDailyMetrics(db, history.metrics);
      summary.posts += await upsertPosts(db, history.posts);
      summary.replies += await upsertReplies(db, history.replies, opts.pseudonymisationKey);
    }
    if (agency.inputsFrom) await loadDemoInputs(db, row.id, accountIds.get(agency.inputsFrom)!, dayToDate(today));
    for (const c of agency.campaigns ?? []) {
      const accountId = accountIds.get(c.accountHandle)!;
      const data = {
        sentAt: new Date(c.sentAt),
        sent: c.sent,
        reached: c.reached,
        targetPopulation: c.targetPopulation,
        opens: c.opens ?? null,
        clicks: c.clicks ?? null,
      };
      await db.campaign.upsert({
        where: { agencyId_accountId_name: { agencyId: row.id, accountId, name: c.name } },
        create: { agencyId: row.id, accountId, name: c.name, ...data },
        update: data,
      });
      await upsertDailyMetrics(db, [
        {
          agencyId: row.id,
          accountId,
          day: localDay(new Date(c.sentAt), agency.timeZone),
          reach: c.reached,
          postsPublished: 1,
        },
      ]);
    }
  }
  return summary;
}

"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { CampaignRowSchema, parseCampaignCsv, sentAtInstant } from "@/lib/campaigns/csv";
import { db } from "@/lib/db/client";
import { formArg, slugArg } from "@/lib/http/actionArgs";
import { MAX_CSV_BYTES } from "@/lib/http/limits";
import { issuesText } from "@/lib/intl/zodIssues";
import { translator } from "@/lib/intl";
import { upsertCampaigns } from "@/lib/ingest/campaigns";
import { findVisibleAgency, hasRole } from "@/lib/permissions/access";

async function manualAccount(slug: string, accountId: unknown) {
  const agency = await findVisibleAgency(slug);
  if (!agency) redirect("/");
  const t = translator(agency.locale, "campaigns");
  if (!hasRole(agency, "admin")) redirect(`/agencies/${slug}/campaigns?error=${encodeURIComponent(t("adminsOnly"))}`);
  const id = z.string().uuid().safeParse(accountId);
  const account = id.success
    ? await db().account.findFirst({
        where: { id: id.data, agencyId: agency.id, platform: { in: ["email", "app_push"] } },
      })
    : null;
  if (!account) redirect(`/agencies/${slug}/campaigns?error=${encodeURIComponent(t("chooseChannel"))}`);
  return { agency, account };
}

const back = (slug: string, q: string) => redirect(`/agencies/${slug}/campaigns?${q}`);

export async function addCampaign(slugValue: unknown, formValue: unknown) {
  const [slug, form] = [slugArg(slugValue), formArg(formValue)];
  const { agency, account } = await manualAccount(slug, form.get("accountId"));
  const field = (k: string) => String(form.get(k) ?? "");
  const parsed = CampaignRowSchema.safeParse({
    name: field("name"),
    sentAt: field("sentAt"),
    sent: field("sent"),
    reached: field("reached"),
    targetPopulation: field("targetPopulation"),
    opens: field("opens"),
    clicks: field("clicks"),
  });
  if (!parsed.success) back(slug, `error=${encodeURIComponent(issuesText(parsed.error, agency.locale))}`);
  const row = parsed.data!;
  await upsertCampaigns(
    db(),
    [{ agencyId: agency.id, accountId: account.id, ...row, sentAt: sentAtInstant(row.sentAt, agency.timeZone) }],
    agency.timeZone,
  );
  back(slug, "saved=1");
}

export async function importCampaigns(slugValue: unknown, formValue: unknown) {
  const [slug, form] = [slugArg(slugValue), formArg(formValue)];
  const { agency, account } = await manualAccount(slug, form.get("accountId"));
  const file = form.get("file");
  const t = translator(agency.locale, "campaigns");
  if (!(file instanceof File) || file.size === 0) back(slug, `error=${encodeURIComponent(t("chooseFile"))}`);
  if ((file as File).size > MAX_CSV_BYTES) back(slug, `error=${encodeURIComponent(t("tooLarge"))}`);
  const { rows, errors } = parseCampaignCsv(await (file as File).text(), agency.locale);
  // All or nothing: a file with a bad line is not half imported.
  if (errors.length) back(slug, `error=${encodeURIComponent(errors.slice(0, 5).join(" · "))}`);
  await upsertCampaigns(
    db(),
    rows.map((r) => ({
      agencyId: agency.id,
      accountId: account.id,
      ...r,
      sentAt: sentAtInstant(r.sentAt, agency.timeZone),
    })),
    agency.timeZone,
  );
  back(slug, `saved=${rows.length}`);
}

import { StatefulForm } from "@/app/components/StatefulForm";
import { db } from "@/lib/db/client";
import { translator } from "@/lib/intl";
import { getRetentionMonths } from "@/lib/queries/getRetentionMonths";
import { agencyPageContext } from "@/lib/dashboard/agencyPageContext";
import type { PageProps } from "@/lib/dashboard/pageContext";
import { saveAgencySettings } from "./actions";

export const dynamic = "force-dynamic";

export default async function AgencySettingsPage(props: PageProps) {
  const { agency, lang, t } = await agencyPageContext(props, "people", "admin");
  const pt = translator(lang, "public");
  const months = await getRetentionMonths(db(), agency.id);
  const published =
    (await db().agency.findUnique({ where: { id: agency.id }, select: { publicPage: true } }))?.publicPage ?? false;
  return (
    <>
      <h1>{t("settingsTitle", { agency: agency.name })}</h1>
      <StatefulForm
        id="settings"
        action={saveAgencySettings.bind(null, agency.slug)}
        hidden={{ lang }}
        submit={t("save")}
        fields={[
          { name: "timeZone", label: t("timeZone"), defaultValue: agency.timeZone, required: true },
          {
            name: "locale",
            label: t("language"),
            type: "select",
            defaultValue: agency.locale,
            options: (["nb", "sv", "en"] as const).map((l) => ({ value: l, label: t(`lang_${l}`) })),
          },
          {
            name: "retentionMonths",
            label: t("retentionMonths"),
            type: "number",
            defaultValue: String(months),
            required: true,
          },
          {
            name: "publicPage",
            label: pt("settingLabel"),
            type: "select",
            defaultValue: published ? "on" : "off",
            hint: pt("settingHint", { path: `/public/${agency.slug}` }),
            options: [
              { value: "off", label: pt("settingNo") },
              { value: "on", label: pt("settingYes") },
            ],
          },
        ]}
      />
    </>
  );
}

import { headers } from "next/headers";
import { SiteHeader } from "@/app/components/SiteHeader";
import { StatefulForm } from "@/app/components/StatefulForm";
import { db } from "@/lib/db/client";
import { translator } from "@/lib/intl";
import { pickLocale } from "@/lib/intl/requestLocale";
import { requireInstallationAdmin } from "@/lib/permissions/installation";
import { archiveAgencyAction, createAgencyAction, updateAgencyAction } from "./actions";

export const dynamic = "force-dynamic";

/** Installation administrators: every agency (create, rename, move, archive) and who administers the installation. */
export default async function AdminAgenciesPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireInstallationAdmin();
  const search = await props.searchParams;
  const locale = pickLocale(search.lang, (await headers()).get("accept-language"));
  const t = translator(locale, "people");
  const msg =
    search.msg === "archived" ? t("agencyArchived") : search.msg === "unarchived" ? t("agencyUnarchived") : null;
  const [agencies, admins] = await Promise.all([
    db().agency.findMany({
      select: {
        id: true,
        slug: true,
        name: true,
        timeZone: true,
        locale: true,
        parentId: true,
        archivedAt: true,
        isDemo: true,
      },
      orderBy: { name: "asc" },
    }),
    db().user.findMany({
      where: { installationAdmin: true },
      select: { id: true, email: true, name: true },
      orderBy: { email: "asc" },
    }),
  ]);
  const nameOf = new Map(agencies.map((a) => [a.id, a.name]));
  const parentOptions = (self?: string) => [
    { value: "", label: t("noParent") },
    ...agencies.filter((a) => a.id !== self).map((a) => ({ value: a.id, label: a.name })),
  ];
  const langOptions = (["nb", "sv", "en"] as const).map((l) => ({ value: l, label: t(`lang_${l}`) }));
  return (
    <>
      <SiteHeader locale={locale} />
      <main id="main" lang={locale}>
        <h1>{t("adminAgenciesTitle")}</h1>
        {msg && (
          <p role="status" className="notice">
            {msg}
          </p>
        )}
        <p>{t("archiveNote")}</p>
        <table>
          <caption className="visually-hidden">{t("adminAgenciesTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("agencyName")}</th>
              <th scope="col">{t("parent")}</th>
              <th scope="col">{t("timeZone")}</th>
              <th scope="col">{t("language")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("archive")}</th>
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr key={a.id} data-agency={a.slug}>
                <td>
                  {a.name} <span className="meta">({a.slug})</span>
                  <details>
                    <summary>{t("editAgency", { name: a.name })}</summary>
                    <StatefulForm
                      id={`edit-${a.slug}`}
                      label={t("editAgency", { name: a.name })}
                      action={updateAgencyAction.bind(null, a.id)}
                      hidden={{ lang: locale }}
                      submit={t("save")}
                      fields={[
                        { name: "name", label: t("agencyName"), defaultValue: a.name, required: true },
                        {
                          name: "parentId",
                          label: t("parent"),
                          type: "select",
                          defaultValue: a.parentId ?? "",
                          options: parentOptions(a.id),
                        },
                      ]}
                    />
                  </details>
                </td>
                <td>{a.parentId ? nameOf.get(a.parentId) : "–"}</td>
                <td>{a.timeZone}</td>
                <td>{t(`lang_${a.locale}`)}</td>
                <td>{a.archivedAt ? t("archived") : t("active")}</td>
                <td>
                  <form action={archiveAgencyAction}>
                    <input type="hidden" name="agencyId" value={a.id} />
                    <input type="hidden" name="lang" value={locale} />
                    {!a.archivedAt && <input type="hidden" name="archive" value="on" />}
                    <button
                      type="submit"
                      className="secondary"
                      aria-label={
                        a.archivedAt ? t("unarchiveFor", { name: a.name }) : t("archiveFor", { name: a.name })
                      }
                    >
                      {a.archivedAt ? t("unarchive") : t("archive")}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2>{t("createAgency")}</h2>
        <StatefulForm
          id="create"
          label={t("createAgency")}
          action={createAgencyAction}
          hidden={{ lang: locale }}
          submit={t("createButton")}
          fields={[
            { name: "name", label: t("agencyName"), required: true },
            { name: "slug", label: t("slug"), required: true },
            { name: "timeZone", label: t("timeZone"), defaultValue: "Europe/Oslo", required: true },
            { name: "locale", label: t("language"), type: "select", defaultValue: "nb", options: langOptions },
            { name: "parentId", label: t("parent"), type: "select", defaultValue: "", options: parentOptions() },
          ]}
        />

        <h2>{t("installationAdmins")}</h2>
        <ul>
          {admins.map((u) => (
            <li key={u.id}>
              {u.name} <span className="meta">({u.email})</span>
            </li>
          ))}
        </ul>
        <p className="meta">{t("installationAdminsNote")}</p>
      </main>
    </>
  );
}

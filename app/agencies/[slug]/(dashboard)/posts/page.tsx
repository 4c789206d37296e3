import { ComparisonPanel } from "@/app/components/ComparisonPanel";
import { FilterForm } from "@/app/components/FilterForm";
import { db } from "@/lib/db/client";
import { issueText } from "@/lib/intl/zodIssues";
import { filtersToParams } from "@/lib/dashboard/filters";
import { channelLabel, dashboardContext, type PageProps } from "@/lib/dashboard/pageContext";
import { formatDateTime, formatNumber, type UiLocale } from "@/lib/format";
import { getTopPosts, PostSortSchema, type PostSort } from "@/lib/queries/getTopPosts";

export const dynamic = "force-dynamic";

const LIMIT = 50;

function publishedLabel(iso: string, timeZone: string, locale: UiLocale): string {
  return formatDateTime(new Date(iso), locale, timeZone);
}

export default async function PostsPage(props: PageProps) {
  const ctx = await dashboardContext(props);
  const { agency, locale, t, range, filters } = ctx;
  const sortParsed = PostSortSchema.safeParse(ctx.search.sort ?? "impressions");
  const sort: PostSort = sortParsed.success ? sortParsed.data : "impressions";
  const errors = sortParsed.success
    ? ctx.errors
    : [...ctx.errors, ...sortParsed.error.issues.map((i) => issueText({ ...i, path: ["sort"] }, locale))];
  const posts = await getTopPosts(db(), {
    agencyId: agency.id,
    timeZone: agency.timeZone,
    from: range.from,
    to: range.to,
    sort,
    limit: LIMIT,
    accountIds: ctx.accountIds,
  });
  const sortHref = (s: PostSort) => {
    const p = filtersToParams({ ...filters, bucket: undefined, view: undefined });
    p.set("sort", s);
    return `?${p}`;
  };
  const columns: { key: PostSort | null; label: string; numeric?: boolean }[] = [
    { key: "publishedAt", label: t("published") },
    { key: null, label: t("channel") },
    { key: null, label: t("text") },
    { key: "impressions", label: t("impressions"), numeric: true },
    { key: "replies", label: t("replies"), numeric: true },
    { key: "likes", label: t("likes"), numeric: true },
    { key: "reposts", label: t("reposts"), numeric: true },
    { key: null, label: t("link") },
  ];
  return (
    <div lang={locale}>
      <h1>
        {agency.name} – {t("nav_posts")}
      </h1>
      <FilterForm
        locale={locale}
        filters={filters}
        range={range}
        errors={errors}
        notices={ctx.notices}
        channels={ctx.channelOptions}
        showBucket={false}
        extra={<input type="hidden" name="sort" value={sort} />}
      />
      <ComparisonPanel agency={agency} scope={ctx.scope} filters={filters} />
      <section className="panel" aria-labelledby="posts-title">
        <h2 id="posts-title">
          {t("topPosts")}: {t("sortBy").toLowerCase()} {t(`sort_${sort}`).toLowerCase()}
        </h2>
        <p className="meta">
          {t("sortBy")}:{" "}
          {(["impressions", "replies", "likes", "reposts", "publishedAt"] as const).map((s, i) => (
            <span key={s}>
              {i > 0 && " · "}
              <a href={sortHref(s)} aria-current={s === sort ? "true" : undefined}>
                {t(`sort_${s}`)}
              </a>
            </span>
          ))}
        </p>
        {posts.length === 0 ? (
          <p className="empty">{t("noPosts")}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t("topPosts")}>
            <table data-table="posts">
              <caption className="visually-hidden">{t("topPosts")}</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th
                      key={c.label}
                      scope="col"
                      className={c.numeric ? "num" : undefined}
                      aria-sort={c.key && c.key === sort ? "descending" : undefined}
                    >
                      {c.key ? <a href={sortHref(c.key)}>{c.label}</a> : c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {posts.map((p) => (
                  <tr key={p.id}>
                    <td>{publishedLabel(p.publishedAt, agency.timeZone, locale)}</td>
                    <td>{channelLabel(p, locale)}</td>
                    <td className="post-text">{p.text}</td>
                    <td className="num">{formatNumber(p.impressions, locale)}</td>
                    <td className="num">{formatNumber(p.replies, locale)}</td>
                    <td className="num">{formatNumber(p.likes, locale)}</td>
                    <td className="num">{formatNumber(p.reposts, locale)}</td>
                    <td>
                      {p.permalink ? (
                        <a href={p.permalink} rel="noopener noreferrer">
                          {t("openPost")}
                          <span className="visually-hidden">: {p.text.slice(0, 60)}</span>
                        </a>
                      ) : (
                        "–"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

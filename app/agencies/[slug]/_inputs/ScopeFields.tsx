import type { UiLocale } from "@/lib/format";
import type { Translator } from "@/lib/intl";
import { platformLabel } from "@/lib/intl/labels";
import type { Platform } from "@/lib/generated/prisma/client";

/** The scope in an inputs page's filter form: its language (when not the agency's), a channel or all, and the days. */
export function ScopeFields(props: {
  t: Translator<"inputs">;
  lang: UiLocale;
  agencyLocale: UiLocale;
  channels: { id: string; platform: Platform; handle: string }[];
  chosen: { channel?: string; from?: string; to?: string };
}) {
  const { t, lang, chosen } = props;
  return (
    <>
      {lang !== props.agencyLocale && <input type="hidden" name="lang" value={lang} />}
      <label>
        {t("channel")}
        <select name="channel" defaultValue={chosen.channel ?? ""}>
          <option value="">{t("allChannels")}</option>
          {props.channels.map((c) => (
            <option key={c.id} value={c.id}>
              {platformLabel(c.platform, lang)} · {c.handle}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("fromDay")}
        <input type="date" name="from" defaultValue={chosen.from} />
      </label>
      <label>
        {t("toDay")}
        <input type="date" name="to" defaultValue={chosen.to} />
      </label>
    </>
  );
}

import { createTranslator, type Messages, type NamespaceKeys, type NestedKeyOf } from "next-intl";
import type { UiLocale } from "@/lib/format";
import { intlLocale } from "@/lib/format";
import nb from "@/messages/nb.json";
import en from "@/messages/en.json";
import sv from "@/messages/sv.json";

/**
 * Every UI text lives in messages/<locale>.json (ICU message syntax: plurals, selects, numbers), one file per
 * language with the same keys (tests/unit/messages.test.ts). Pages, routes, jobs and e-mails all translate here.
 * Dates are formatted by lib/format.ts before they go into a message, so every view shows a day the same way.
 */
const MESSAGES: Record<UiLocale, Messages> = { nb, en, sv };

export type Namespace = NamespaceKeys<Messages, NestedKeyOf<Messages>>;

// next-intl caches parsed messages per translator; translators are kept per locale and namespace.
const translators = new Map<string, unknown>();

/** The translator of one namespace in one language: `t("key", { count: 3 })`. */
export function translator<N extends Namespace>(locale: UiLocale, namespace: N) {
  const key = `${locale}:${namespace}`;
  let t = translators.get(key) as ReturnType<typeof make<N>> | undefined;
  if (!t) {
    t = make(locale, namespace);
    translators.set(key, t);
  }
  return t;
}

function make<N extends Namespace>(locale: UiLocale, namespace: N) {
  return createTranslator({
    locale: intlLocale(locale),
    messages: MESSAGES[locale],
    namespace,
    // A missing key must fail the tests loudly, not print its name to a user.
    onError: (error) => {
      throw error;
    },
  });
}

/** The type of a namespace's translator, for components that are handed one. */
export type Translator<N extends Namespace> = ReturnType<typeof translator<N>>;

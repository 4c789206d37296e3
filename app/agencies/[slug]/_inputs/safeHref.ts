/** A permalink from a platform, only if it is a plain web address (never `javascript:` or the like). */
export function safeHref(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** Request headers proxy.ts sets from the address, so layouts (which see no search parameters) know the page. */
export const PAGE_PATH_HEADER = "x-kanal-path";
export const PAGE_LANG_HEADER = "x-kanal-lang";

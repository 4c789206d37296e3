import { safeHref } from "./safeHref";

/** ` · ` and a link to the reply on its platform, when its address is a plain web address. */
export function Permalink(props: { url: string | null | undefined; text: string }) {
  const href = safeHref(props.url);
  if (!href) return null;
  return (
    <>
      {" "}
      ·{" "}
      <a href={href} rel="noopener noreferrer">
        {props.text}
      </a>
    </>
  );
}

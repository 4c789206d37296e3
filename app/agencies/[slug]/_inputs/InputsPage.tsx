/**
 * The page frame of the inputs pages. :TRICKY: the agency layout of the dashboard wraps pages in
 * `<main id="main">`; once it does, this becomes a plain wrapper — the one line to change.
 */
export function InputsPage(props: { children: React.ReactNode }) {
  return <main id="main" className="inputs-page">{props.children}</main>;
}

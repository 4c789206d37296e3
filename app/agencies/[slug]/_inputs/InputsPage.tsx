/** The frame of the inputs pages, inside the agency layout's `<main>`. */
export function InputsPage(props: { children: React.ReactNode }) {
  return <div className="inputs-page">{props.children}</div>;
}

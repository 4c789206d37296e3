/** Heading block shared by the inputs pages: back link, title and links between the three views. */
export function InputsHeader(props: { slug: string; agencyName: string; title: string; current: "inbox" | "work-items" | "outcomes" }) {
  const base = `/agencies/${props.slug}`;
  const link = (key: typeof props.current, href: string, label: string) => (
    <li><a href={href} aria-current={props.current === key ? "page" : undefined}>{label}</a></li>
  );
  return (
    <>
      <p><a href="/">← Alle virksomheter</a></p>
      <h1>{props.title}</h1>
      <p className="meta">{props.agencyName}</p>
      <nav aria-label="Innspill og politikkarbeid" className="inputs-nav">
        <ul>
          {link("inbox", `${base}/inbox`, "Innboks")}
          {link("work-items", `${base}/work-items`, "Politikkarbeid")}
          {link("outcomes", `${base}/outcomes`, "Hva nådde fram")}
        </ul>
      </nav>
    </>
  );
}

export type Cell = string | { text: string; href?: string; linkLabel?: string } | { node: React.ReactNode };

/** A plain, keyboard-scrollable table: the text alternative of every chart and the home of every list. */
export function DataTable(props: {
  caption: string;
  captionHidden?: boolean;
  columns: { label: string; numeric?: boolean }[];
  rows: { key: string; header: string; cells: Cell[] }[];
  dataName?: string;
}) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={props.caption}>
      <table data-table={props.dataName}>
        <caption className={props.captionHidden ? "visually-hidden" : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c, i) => (
              <th key={i} scope="col" className={c.numeric ? "num" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.header}</th>
              {r.cells.map((cell, i) => {
                const numeric = props.columns[i + 1]?.numeric;
                if (typeof cell === "string")
                  return (
                    <td key={i} className={numeric ? "num" : undefined}>
                      {cell}
                    </td>
                  );
                if ("node" in cell) return <td key={i}>{cell.node}</td>;
                return (
                  <td key={i} className={numeric ? "num" : undefined}>
                    {cell.href ? (
                      <a href={cell.href} aria-label={cell.linkLabel}>
                        {cell.text}
                      </a>
                    ) : (
                      cell.text
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

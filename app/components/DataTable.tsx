export type Cell = string | { text: string; href?: string; linkLabel?: string } | { node: React.ReactNode };

/** A plain, keyboard-scrollable table: the text alternative of every chart and the home of every list. */
export function DataTable(props: {
  caption: string;
  captionHidden?: boolean;
  /** `name`: a stable `data-col` on the column's cells (rows carry their key as `data-row`). */
  columns: { label: string; numeric?: boolean; name?: string }[];
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
            <tr key={r.key} data-row={r.key}>
              <th scope="row">{r.header}</th>
              {r.cells.map((cell, i) => {
                const numeric = props.columns[i + 1]?.numeric;
                const col = props.columns[i + 1]?.name;
                if (typeof cell === "string")
                  return (
                    <td key={i} className={numeric ? "num" : undefined} data-col={col}>
                      {cell}
                    </td>
                  );
                if ("node" in cell)
                  return (
                    <td key={i} data-col={col}>
                      {cell.node}
                    </td>
                  );
                return (
                  <td key={i} className={numeric ? "num" : undefined} data-col={col}>
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

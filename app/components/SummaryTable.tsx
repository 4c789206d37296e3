import { DataTable } from "./DataTable";

/** A dashboard's totals over the range: a titled panel, its one-sentence summary, then the table. */
export function SummaryTable(props: {
  /** The panel's id: its heading is `<id>-title`. */
  id: string;
  title: string;
  /** `data-summary` of the sentence. */
  summaryName: string;
  summary: string;
  dataName: string;
  columns: React.ComponentProps<typeof DataTable>["columns"];
  rows: React.ComponentProps<typeof DataTable>["rows"];
}) {
  return (
    <section className="panel" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <p className="summary" data-summary={props.summaryName}>
        {props.summary}
      </p>
      <DataTable
        caption={props.title}
        captionHidden
        dataName={props.dataName}
        columns={props.columns}
        rows={props.rows}
      />
    </section>
  );
}

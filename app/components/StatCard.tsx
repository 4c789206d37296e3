/** `raw`: the figure before formatting, as `data-value` (empty for a gap), for checks against the JSON route. */
export function StatCard(props: { label: string; value: string; detail?: string; name: string; raw?: number | null }) {
  return (
    <div className="stat" data-stat={props.name}>
      <p className="stat-label">{props.label}</p>
      <p className="stat-value" data-value={props.raw === undefined ? undefined : (props.raw ?? "")}>
        {props.value}
      </p>
      {props.detail && <p className="meta">{props.detail}</p>}
    </div>
  );
}

export function StatCard(props: { label: string; value: string; detail?: string; name: string }) {
  return (
    <div className="stat" data-stat={props.name}>
      <p className="stat-label">{props.label}</p>
      <p className="stat-value">{props.value}</p>
      {props.detail && <p className="meta">{props.detail}</p>}
    </div>
  );
}

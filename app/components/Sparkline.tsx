/** A tiny server-drawn trend line; gaps stay gaps. Its label carries the numbers for screen readers. */
export function Sparkline(props: { values: (number | null)[]; label: string }) {
  const known = props.values.filter((v): v is number => v !== null);
  const width = 120;
  const height = 28;
  if (known.length < 2) return <span className="meta">–</span>;
  const min = Math.min(...known);
  const max = Math.max(...known);
  const x = (i: number) => (i / Math.max(props.values.length - 1, 1)) * (width - 4) + 2;
  const y = (v: number) => (max === min ? height / 2 : height - 2 - ((v - min) / (max - min)) * (height - 4));
  const segments: string[] = [];
  let current = "";
  props.values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = "";
      return;
    }
    current += `${current ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={props.label}
    >
      {segments.map((d, i) => (
        <path key={i} d={d} fill="none" stroke="#0072B2" strokeWidth={2} />
      ))}
    </svg>
  );
}

import type { DashboardContext } from "@/lib/dashboard/pageContext";
import { PeriodControls } from "./PeriodControls";

/**
 * The frame of a channel dashboard page: its heading, the filter form, the comparison when asked for,
 * then the page — or, with `empty`, the one message that the range holds no data.
 */
export function DashboardView(props: {
  ctx: DashboardContext;
  title: string;
  showView?: boolean;
  showAxis?: boolean;
  empty?: boolean;
  children: React.ReactNode;
}) {
  const { ctx } = props;
  return (
    <div lang={ctx.locale}>
      <h1>
        {ctx.agency.name} – {props.title}
      </h1>
      <PeriodControls ctx={ctx} channels={ctx.channelOptions} showView={props.showView} showAxis={props.showAxis} />
      {props.empty ? <p className="empty panel">{ctx.t("noDataInRange")}</p> : props.children}
    </div>
  );
}

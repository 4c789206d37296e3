import type { DashboardContext } from "@/lib/dashboard/pageContext";
import { ComparisonPanel } from "./ComparisonPanel";
import { FilterForm } from "./FilterForm";

/** The frame of a channel dashboard page: its heading, the filter form, the comparison when asked for, then the page. */
export function DashboardView(props: {
  ctx: DashboardContext;
  title: string;
  showView?: boolean;
  showAxis?: boolean;
  children: React.ReactNode;
}) {
  const { ctx } = props;
  return (
    <div lang={ctx.locale}>
      <h1>
        {ctx.agency.name} – {props.title}
      </h1>
      <FilterForm
        locale={ctx.locale}
        filters={ctx.filters}
        range={ctx.range}
        errors={ctx.errors}
        notices={ctx.notices}
        channels={ctx.channelOptions}
        showView={props.showView}
        showAxis={props.showAxis}
      />
      <ComparisonPanel agency={ctx.agency} scope={ctx.scope} filters={ctx.filters} />
      {props.children}
    </div>
  );
}

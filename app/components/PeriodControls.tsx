import type { DashboardContext } from "@/lib/dashboard/pageContext";
import { ComparisonPanel } from "./ComparisonPanel";
import { FilterForm } from "./FilterForm";

/** A dashboard page's filter form and, when the filters ask for one, the comparison with another period. */
export function PeriodControls(props: {
  ctx: DashboardContext;
  /** The channels to choose among (absent: no channel choice). */
  channels?: { id: string; label: string }[];
  showBucket?: boolean;
  showView?: boolean;
  showAxis?: boolean;
}) {
  const { ctx, ...options } = props;
  return (
    <>
      <FilterForm
        locale={ctx.locale}
        filters={ctx.filters}
        range={ctx.range}
        errors={ctx.errors}
        notices={ctx.notices}
        {...options}
      />
      <ComparisonPanel agency={ctx.agency} scope={ctx.scope} filters={ctx.filters} />
    </>
  );
}

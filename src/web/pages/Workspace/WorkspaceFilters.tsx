import { useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { indicatorsOf } from "../../../core";
import { formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { nodeAnchor } from "../InstrumentDetail/labels";
import { useDetail } from "../InstrumentDetail/context";
import { useWorkspace } from "./context";
import { FILTERS, type Filter, type IndicatorFacts, unfinished } from "./progress";

interface Props {
  filter: Filter;
  onFilter(f: Filter): void;
  facts: Map<string, IndicatorFacts>;
  shown: number;
  lastVisit: string | null;
}

/** Opens the groups around an indicator, scrolls to it and puts the focus on its first control. */
function reveal(code: string) {
  const el = document.getElementById(nodeAnchor(code));
  if (!el) return;
  for (let d = el.parentElement?.closest("details"); d; d = d.parentElement?.closest("details")) d.open = true;
  el.scrollIntoView({ block: "start" });
  const control = el.querySelector<HTMLElement>("select:not([disabled]), textarea, input:not([disabled])");
  (control ?? el).focus({ preventScroll: true });
}

/** The workspace filters (unanswered, unverified, without evidence, open clarification, changed since the last visit) and "next unfinished". */
export function WorkspaceFilters({ filter, onFilter, facts, shown, lastVisit }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = useId();
  const { ws } = useWorkspace();
  const { instrument } = useDetail();
  const last = useRef<string | null>(null);
  const byCode = new Map(ws.indicators.map((i) => [i.code, i]));
  const order = indicatorsOf(instrument.tree).map((n) => n.code);
  const todo = order.filter((c) => {
    const i = byCode.get(c);
    const f = facts.get(c);
    return i && f && unfinished(ws, i, f);
  });

  const next = () => {
    if (todo.length === 0) return;
    // After the one reached last time, wrapping round to the first.
    const from = last.current ? order.indexOf(last.current) : -1;
    const code = todo.find((c) => order.indexOf(c) > from) ?? todo[0]!;
    last.current = code;
    const f = facts.get(code);
    if (f && filter !== "all" && !f[filter]) onFilter("all");
    // Let a filter change render first, then move there.
    requestAnimationFrame(() => reveal(code));
  };

  return (
    <div className="ws-filters" role="group" aria-label={t("flow.filter.group")}>
      <div className="field field-inline">
        <label htmlFor={`${id}-filter`}>{t("flow.filter.label")}</label>
        <select id={`${id}-filter`} value={filter} data-testid="ws-filter" onChange={(e) => onFilter(e.target.value as Filter)}>
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`flow.filter.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <p className="small muted" aria-live="polite" data-testid="ws-filter-count">
        {t("flow.filter.count", { shown, total: order.length })}
      </p>
      {filter === "changed" && (
        <p className="small muted" data-testid="ws-last-visit">
          {lastVisit ? t("flow.filter.lastVisit", { date: formatDateTime(lastVisit, lang) }) : t("flow.filter.firstVisit")}
        </p>
      )}
      <button type="button" className="button button-small button-secondary" disabled={todo.length === 0} data-testid="ws-next-unfinished" onClick={next}>
        {todo.length === 0 ? t("flow.filter.allDone") : t("flow.filter.next", { count: todo.length })}
      </button>
    </div>
  );
}

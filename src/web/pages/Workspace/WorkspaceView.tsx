import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { Instrument, InstrumentNode } from "../../../core";
import { fetchWorkspace, type Workspace } from "../../assessmentApi";
import { DetailContext } from "../InstrumentDetail/context";
import { NodeList } from "../InstrumentDetail/NodeTree";
import { useCalculator } from "../InstrumentDetail/useCalculator";
import { Actions } from "./Actions";
import { ClarificationsContext, useClarificationList } from "./clarificationContext";
import { WorkspaceContext } from "./context";
import { FieldNotes } from "./FieldNotes";
import { IndicatorEditor } from "./IndicatorEditor";
import { ResultRevisions } from "./ResultRevisions";
import { ScorePanel } from "./ScorePanel";
import { WorkspaceHeader } from "./WorkspaceHeader";
import { WorkspaceFilters } from "./WorkspaceFilters";
import { WorkspaceNotice } from "./WorkspaceNotice";
import { useLastVisit } from "./lastVisit";
import { factsOf, passes, type Filter } from "./progress";
import { useSession } from "../../session";

/**
 * The workspace: header with the stages, the instrument tree with an editor per indicator, and a
 * side panel with the live index (the core, as in the calculator) and the actions the server allows.
 */
export function WorkspaceView({ initial, instrument }: { initial: Workspace; instrument: Instrument }) {
  const { t } = useTranslation();
  const [ws, setWs] = useState(initial);
  const refresh = useCallback(async () => setWs(await fetchWorkspace(initial.id)), [initial.id]);
  // The levels in force on the server; the reader's unsaved choices lie over them in the calculator.
  const base = useMemo(() => Object.fromEntries(ws.indicators.map((i) => [i.code, i.level])), [ws.indicators]);
  const calc = useCalculator(instrument, { base, policy: ws.period.predicatePolicy });
  const stage = ws.stage;
  // A notification link (?klarifikasi=<code>) opens that indicator's clarification thread.
  const [params] = useSearchParams();
  const clarifications = useClarificationList(ws.id, params.get("klarifikasi"));
  const { me } = useSession();
  const lastVisit = useLastVisit(me?.user.id ?? null, ws.id);
  const [filter, setFilter] = useState<Filter>("all");
  const facts = useMemo(() => new Map(ws.indicators.map((i) => [i.code, factsOf(ws, i, clarifications.threads, lastVisit)])), [ws, clarifications.threads, lastVisit]);
  // Filtered-out indicators stay mounted (hidden), so nothing typed in them is dropped.
  const hidden = useMemo(() => new Set([...facts].filter(([, f]) => !passes(f, filter)).map(([c]) => c)), [facts, filter]);
  const renderIndicator = useCallback((n: InstrumentNode) => <IndicatorEditor key={stage} indicator={n} hidden={hidden.has(n.code)} />, [stage, hidden]);
  const detail = useMemo(() => ({ instrument, calc, renderIndicator }), [instrument, calc, renderIndicator]);
  const [notice, setNotice] = useState<{ text: string; testId: string } | null>(null);
  const announce = useCallback((text: string, testId: string) => setNotice({ text, testId }), []);
  const wsCtx = useMemo(() => ({ ws, refresh, announce }), [ws, refresh, announce]);
  return (
    <WorkspaceContext.Provider value={wsCtx}>
      <ClarificationsContext.Provider value={clarifications}>
        <DetailContext.Provider value={detail}>
          <WorkspaceHeader />
          {notice && <WorkspaceNotice text={notice.text} testId={notice.testId} onDismiss={() => setNotice(null)} />}
          <div className="detail-layout">
            <section className="detail-tree" aria-labelledby="ws-tree-title">
              <h2 id="ws-tree-title">{t("ws.structure")}</h2>
              {!ws.abilities.answer && <p className="note">{t("ws.readOnly")}</p>}
              <WorkspaceFilters filter={filter} onFilter={setFilter} facts={facts} shown={facts.size - hidden.size} lastVisit={lastVisit} />
              {hidden.size === facts.size && <p className="note" data-testid="ws-filter-empty">{t("flow.filter.none")}</p>}
              <NodeList nodes={instrument.tree} depth={0} />
            </section>
            <aside className="calc-panel ws-panel" aria-label={t("ws.panel")}>
              <ScorePanel />
              <Actions />
            </aside>
          </div>
          <FieldNotes />
          <ResultRevisions />
        </DetailContext.Provider>
      </ClarificationsContext.Provider>
    </WorkspaceContext.Provider>
  );
}

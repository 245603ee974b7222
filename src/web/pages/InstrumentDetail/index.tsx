import { useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { Instrument } from "../../../core";
import { ApiError, fetchInstrument } from "../../api";
import { ErrorMessage, Loading } from "../../components/Status";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { CalculatorMiniBar, CalculatorPanel } from "./CalculatorPanel";
import { DetailContext } from "./context";
import { InstrumentHeader } from "./InstrumentHeader";
import { NodeList } from "./NodeTree";
import { useCalculator } from "./useCalculator";

/** Opens or closes every section of the tree at once (the <details> keep their own state). */
function setAllOpen(root: HTMLElement | null, open: boolean) {
  root?.querySelectorAll("details").forEach((d) => {
    d.open = open;
  });
}

function InstrumentView({ instrument }: { instrument: Instrument }) {
  const { t } = useTranslation();
  const calc = useCalculator(instrument);
  const ctx = useMemo(() => ({ instrument, calc }), [instrument, calc]);
  const tree = useRef<HTMLDivElement>(null);
  return (
    <DetailContext.Provider value={ctx}>
      <InstrumentHeader instrument={instrument} />
      <div className="detail-layout">
        <section className="detail-tree" aria-labelledby="structure-title">
          <div className="section-head">
            <h2 id="structure-title">{t("instrument.structure")}</h2>
            <div className="button-row">
              <button type="button" className="button button-small button-secondary" onClick={() => setAllOpen(tree.current, true)}>
                {t("instrument.expandAll")}
              </button>
              <button type="button" className="button button-small button-secondary" onClick={() => setAllOpen(tree.current, false)}>
                {t("instrument.collapseAll")}
              </button>
            </div>
          </div>
          <p className="muted">{t("instrument.structureIntro")}</p>
          <div ref={tree}>
            <NodeList nodes={instrument.tree} depth={0} />
          </div>
        </section>
        <CalculatorMiniBar />
        <CalculatorPanel />
      </div>
    </DetailContext.Provider>
  );
}

export function InstrumentDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const state = useApi(`instrument-${id}`, (signal) => fetchInstrument(id, signal));
  usePageTitle(state.status === "ok" ? state.data.name : t("nav.instruments"));
  if (state.status === "loading") return <Loading label={t("instrument.loading")} />;
  if (state.status === "error") {
    const missing = state.error instanceof ApiError && state.error.code === "not_found";
    return (
      <section className="page-narrow">
        <p className="breadcrumb">
          <Link to="/instrumen">← {t("instrument.back")}</Link>
        </p>
        {missing ? <h1>{t("instrument.notFound")}</h1> : <ErrorMessage error={state.error} retry={state.retry} />}
      </section>
    );
  }
  return <InstrumentView key={state.data.id} instrument={state.data} />;
}

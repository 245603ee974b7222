import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { ApiError } from "../../api";
import { api } from "../../apiTypes";
import { RequireSession } from "../../components/RequireSession";
import { ErrorMessage, Loading } from "../../components/Status";
import { fetchPilotingBoard, pilotingBoardXlsxUrl } from "../../planningApi";
import { useSession } from "../../session";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { BoardView } from "./BoardView";

/** Provinces the reader coordinates (from their roles), else every province for the national roles. */
function ProvincePicker({ value, onPick }: { value: string; onPick(code: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const { me } = useSession();
  const own = (me?.roles ?? []).filter((r) => r.role === "koordinator_provinsi" && r.agency).map((r) => r.agency!);
  const all = useApi(`provinces-${own.length}`, async (signal) => {
    if (own.length) return own;
    const body = await api("get", "/api/agencies", { query: { category: "provinsi" }, signal });
    return body.agencies.map((a) => ({ code: a.code, name: a.name }));
  });
  const options = all.status === "ok" ? all.data : own;
  return (
    <div className="field">
      <label htmlFor={`${id}-province`}>{t("planning.board.province")}</label>
      <select id={`${id}-province`} value={value} onChange={(e) => onPick(e.target.value)} data-testid="board-province">
        {!value && <option value="">—</option>}
        {options.map((p) => (
          <option key={p.code} value={p.code}>
            {p.code} {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function BoardLoader({ code, year }: { code: string; year: number | null }) {
  const { t } = useTranslation();
  const state = useApi(`board-${code}-${year ?? ""}`, (signal) => fetchPilotingBoard(code, year, signal));
  if (state.status === "loading") return <Loading label={t("planning.board.loading")} />;
  if (state.status === "error") {
    const missing = state.error instanceof ApiError && state.error.code === "not_found";
    return missing ? <p>{t("planning.board.notFound")}</p> : <ErrorMessage error={state.error} retry={state.retry} />;
  }
  return <BoardView board={state.data} xlsxUrl={pilotingBoardXlsxUrl(code, year)} />;
}

/** `/papan-piloting/:code?`: the province piloting board for its Koordinator Provinsi and the national roles. */
export function PilotingBoardPage() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  const navigate = useNavigate();
  const { me } = useSession();
  const [yearText, setYearText] = useState("");
  const yearId = useId();
  usePageTitle(t("planning.board.title"));
  const own = (me?.roles ?? []).find((r) => r.role === "koordinator_provinsi" && r.agency)?.agency?.code ?? "";
  const province = code || own;
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  return (
    <RequireSession>
      <div className="board-page">
        <header className="instrument-header">
          <h1>{t("planning.board.title")}</h1>
          <p className="muted">{t("planning.board.intro")}</p>
          <div className="form-grid">
            <ProvincePicker value={province} onPick={(c) => navigate(`/papan-piloting/${c}`)} />
            <div className="field">
              <label htmlFor={yearId}>{t("planning.board.year")}</label>
              <input id={yearId} inputMode="numeric" placeholder={t("planning.board.allYears")} value={yearText} onChange={(e) => setYearText(e.target.value)} data-testid="board-year" />
            </div>
          </div>
        </header>
        {province ? <BoardLoader code={province} year={year} /> : <p className="muted">{t("planning.board.pickProvince")}</p>}
      </div>
    </RequireSession>
  );
}

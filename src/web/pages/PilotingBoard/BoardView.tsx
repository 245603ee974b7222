import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Chart, chartNumber, type ChartOption } from "../../components/Chart";
import { formatDate, NO_VALUE } from "../../format";
import { useLang } from "../../i18n";
import type { PilotingBoard } from "../../planningApi";

/** The heat map's colour bands: share of an aspect's actions done, lowest first. */
const BANDS = [
  { min: 0, max: 24, color: "#fde2e1" },
  { min: 25, max: 49, color: "#fff3c4" },
  { min: 50, max: 74, color: "#d6f0d8" },
  { min: 75, max: 100, color: "#2e7d32" },
] as const;

/** The band of a cell's whole percentage (BANDS index). */
function bandOf(percent: number): number {
  return BANDS.findIndex((b) => percent <= b.max);
}

/** The board: kab/kota × aspect heat map (share of actions done), per-agency status, overdue actions, shared weak indicators. */
export function BoardView({ board, xlsxUrl }: { board: PilotingBoard; xlsxUrl: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const names = new Map(board.agencies.map((a) => [a.code, a.name]));
  // How many cells fall into each band, and how many have no action yet: the legend names them.
  const legend = useMemo(() => {
    const cells = board.matrix.flatMap((r) => r.cells);
    const labels = BANDS.map((b, i) => t("layout.board.band", { from: b.min, to: b.max, count: cells.filter((c) => c.donePercent !== null && bandOf(Math.round(c.donePercent)) === i).length }));
    return { labels, empty: cells.filter((c) => c.donePercent === null).length };
  }, [board, t]);
  const option = useMemo<ChartOption>(() => {
    const data: [number, number, number][] = [];
    board.matrix.forEach((row, y) => row.cells.forEach((c, x) => c.donePercent !== null && data.push([x, y, c.donePercent])));
    return {
      grid: { left: 200, right: 20, top: 10, bottom: 80 },
      xAxis: { type: "category", data: board.aspects.map((a) => a.code), splitArea: { show: true } },
      yAxis: { type: "category", inverse: true, data: board.matrix.map((r) => names.get(r.agencyCode) ?? r.agencyCode), axisLabel: { width: 180, overflow: "truncate" }, splitArea: { show: true } },
      visualMap: { type: "piecewise", orient: "horizontal", left: "center", bottom: 0, pieces: BANDS.map((b, i) => ({ gte: i === 0 ? 0 : b.min - 0.5, lt: i === BANDS.length - 1 ? 100.5 : b.max + 0.5, label: legend.labels[i], color: b.color })) },
      tooltip: { formatter: (p: { data: [number, number, number] }) => `${board.aspects[p.data[0]]?.name ?? ""}: ${chartNumber(lang, 0)(p.data[2])}%` },
      series: [{ type: "heatmap", data, label: { show: true, formatter: (p: { data: [number, number, number] }) => `${chartNumber(lang, 0)(p.data[2])}%` } }],
    };
  }, [board, lang, names, legend]);
  const matrixTable = (
    <table className="data-table" data-testid="board-matrix">
      <caption>{t("planning.board.matrixCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("planning.board.agency")}</th>
          {board.aspects.map((a) => (
            <th scope="col" key={a.code} title={a.name}>
              {a.code}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {board.matrix.map((row) => (
          <tr key={row.agencyCode}>
            <th scope="row">{names.get(row.agencyCode)}</th>
            {row.cells.map((c) => (
              <td key={c.aspectCode} data-testid={`board-cell-${row.agencyCode}-${c.aspectCode}`}>
                {c.total === 0 ? NO_VALUE : t("planning.board.cell", { done: c.done, total: c.total, percent: c.donePercent })}
                {c.overdue > 0 && <span className="badge badge-overdue">{t("planning.board.overdueCount", { count: c.overdue })}</span>}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <section className="section" aria-labelledby="board-summary-title">
        <div className="section-head">
          <h2 id="board-summary-title">
            {board.province.name} {board.year ? `· ${board.year}` : ""}
          </h2>
          <a className="button button-secondary" href={xlsxUrl} download data-testid="board-xlsx">
            {t("planning.board.download")}
          </a>
        </div>
        <div className="table-scroll">
          <table className="data-table" data-testid="board-agencies">
            <caption>{t("planning.board.agenciesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("planning.board.agency")}</th>
                <th scope="col">{t("planning.board.recommendations")}</th>
                <th scope="col">{t("planning.recs.statuses.planned")}</th>
                <th scope="col">{t("planning.recs.statuses.in_progress")}</th>
                <th scope="col">{t("planning.recs.statuses.done")}</th>
                <th scope="col">{t("planning.recs.statuses.blocked")}</th>
                <th scope="col">{t("planning.recs.overdue")}</th>
                <th scope="col">{t("planning.board.latest")}</th>
              </tr>
            </thead>
            <tbody>
              {board.agencies.map((a) => (
                <tr key={a.code} data-testid={`board-agency-${a.code}`}>
                  <th scope="row">
                    <Link to={`/rekomendasi/${encodeURIComponent(a.code)}`}>{a.name}</Link>
                  </th>
                  <td>{a.recommendations}</td>
                  <td>{a.actions.planned}</td>
                  <td>{a.actions.inProgress}</td>
                  <td>{a.actions.done}</td>
                  <td>{a.actions.blocked}</td>
                  <td className={a.actions.overdue > 0 ? "is-overdue" : undefined}>{a.actions.overdue}</td>
                  <td>{a.latestAssessment ? <Link to={`/penilaian/${a.latestAssessment.id}/rencana`}>{`${a.latestAssessment.period} (${a.latestAssessment.year})`}</Link> : NO_VALUE}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="section" aria-labelledby="board-matrix-title">
        <h2 id="board-matrix-title">{t("planning.board.matrixTitle")}</h2>
        <p className="muted">{t("planning.board.matrixIntro", { instrument: board.instrument })}</p>
        <Chart option={option} label={t("planning.board.matrixCaption")} table={matrixTable} height={Math.max(260, board.matrix.length * 32 + 110)} showTable />
        <ul className="chart-legend" data-testid="board-legend" aria-label={t("layout.board.legend")}>
          {BANDS.map((b, i) => (
            <li key={b.min} data-testid={`board-legend-${i}`}>
              <span className="chart-legend-swatch" style={{ background: b.color }} aria-hidden="true" />
              {legend.labels[i]}
            </li>
          ))}
          <li data-testid="board-legend-empty">
            <span className="chart-legend-swatch is-empty" aria-hidden="true" />
            {t("layout.board.noActions", { count: legend.empty })}
          </li>
        </ul>
      </section>
      <section className="section" aria-labelledby="board-weak-title">
        <h2 id="board-weak-title">{t("planning.board.weakTitle")}</h2>
        <p className="muted">{t("planning.board.weakIntro")}</p>
        {board.weakIndicators.length === 0 ? (
          <p className="muted">{t("planning.board.noWeak")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="board-weak">
              <caption>{t("planning.board.weakCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("planning.indicator")}</th>
                  <th scope="col">{t("planning.board.agencyCount")}</th>
                  <th scope="col">{t("planning.board.agencies")}</th>
                </tr>
              </thead>
              <tbody>
                {board.weakIndicators.map((w) => (
                  <tr key={`${w.instrument}-${w.code}`}>
                    <th scope="row">
                      <span className="code">{w.code}</span> {w.name}
                    </th>
                    <td>{w.agencies.length}</td>
                    <td>{w.agencies.map((a) => `${a.name} (${a.level})`).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="section" aria-labelledby="board-overdue-title">
        <h2 id="board-overdue-title">{t("planning.board.overdueTitle", { count: board.overdue.length })}</h2>
        {board.overdue.length === 0 ? (
          <p className="muted">{t("planning.board.noOverdue")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="board-overdue">
              <caption>{t("planning.board.overdueCaption", { date: formatDate(board.today, lang) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("planning.board.agency")}</th>
                  <th scope="col">{t("planning.recs.actionTitle")}</th>
                  <th scope="col">{t("planning.recs.owner")}</th>
                  <th scope="col">{t("planning.recs.dueDate")}</th>
                  <th scope="col">{t("planning.recs.status")}</th>
                </tr>
              </thead>
              <tbody>
                {board.overdue.map((o) => (
                  <tr key={o.actionId}>
                    <th scope="row">{o.agencyName}</th>
                    <td>{o.title}</td>
                    <td>{o.owner ?? NO_VALUE}</td>
                    <td>{formatDate(o.dueDate, lang)}</td>
                    <td>{t(`planning.recs.statuses.${o.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

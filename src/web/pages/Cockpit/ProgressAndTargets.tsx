import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Chart, chartNumber } from "../../components/Chart";
import { shortName } from "../../components/StatCards";
import { FormError, Success } from "../../components/Status";
import { saveTargets, type Cockpit } from "../../dashboardsApi";
import { formatChange, formatIndex, formatIndexOr, formatPercent, NO_VALUE } from "../../format";
import { useLang } from "../../i18n";
import type { StageName } from "../../assessmentApi";
import { useSubmit } from "../../useSubmit";

/** Progress of each agency's current assessment: share of indicators filled, verified and with evidence. */
export function ProgressChart({ data }: { data: Cockpit }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = data.progress;
  const option = useMemo(() => {
    const ys = [...rows].reverse();
    const pct = (n: number, total: number) => Math.round((n * 1000) / total) / 10;
    const fmt = chartNumber(lang, 0);
    return {
      legend: { bottom: 0 },
      grid: { left: 8, right: 24, top: 8, bottom: 48, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: (v: number) => `${fmt(v)}%` },
      xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: (v: number) => `${fmt(v)}%` } },
      yAxis: { type: "category", data: ys.map((r) => shortName(r.name)) },
      series: (["filled", "verified", "withEvidence"] as const).map((k) => ({ type: "bar", name: t(`cockpit.progress.${k}`), data: ys.map((r) => pct(r[k], r.total)) })),
    };
  }, [rows, lang, t]);
  if (!rows.length) return <p data-testid="progress-empty">{t("cockpit.progress.empty")}</p>;
  return (
    <Chart
      label={t("cockpit.progress.chart")}
      option={option}
      height={Math.max(240, rows.length * 44 + 60)}
      showTable
      table={
        <table className="data-table" data-testid="cockpit-progress">
          <caption>{t("cockpit.progress.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("cockpit.col.agency")}</th>
              <th scope="col">{t("cockpit.col.assessment")}</th>
              <th scope="col" className="num">{t("cockpit.progress.filled")}</th>
              <th scope="col" className="num">{t("cockpit.progress.verified")}</th>
              <th scope="col" className="num">{t("cockpit.progress.withEvidence")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.name}</th>
                <td>
                  {r.period} · {t(`stages.${r.stage as StageName}`)}
                </td>
                {(["filled", "verified", "withEvidence"] as const).map((k) => (
                  <td className="num" key={k}>
                    {r[k]}/{r.total} ({formatPercent(r[k] / r.total, lang)})
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** The province's index against its regional targets, with the gap; the Koordinator Provinsi edits them. */
export function Targets({ data, onSaved }: { data: Cockpit; onSaved: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const option = useMemo(
    () => ({
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 48, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: chartNumber(lang) },
      xAxis: { type: "category", data: data.targets.map((x) => String(x.year)) },
      yAxis: { type: "value", min: 0, max: 5, axisLabel: { formatter: chartNumber(lang, 1) } },
      series: [
        { type: "bar", name: t("cockpit.targets.actual"), data: data.targets.map((x) => x.actual), itemStyle: { color: "#0b4a6f" } },
        { type: "line", name: t("cockpit.targets.target"), data: data.targets.map((x) => x.target), lineStyle: { type: "dashed" }, itemStyle: { color: "#a8231c" } },
      ],
    }),
    [data.targets, lang, t],
  );
  return (
    <>
      {data.targets.length ? (
        <Chart
          label={t("cockpit.targets.chart", { province: data.province.name })}
          option={option}
          height={260}
          showTable
          table={
            <table className="data-table" data-testid="cockpit-targets">
              <caption>{t("cockpit.targets.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("cockpit.col.year")}</th>
                  <th scope="col" className="num">{t("cockpit.targets.target")}</th>
                  <th scope="col" className="num">{t("cockpit.targets.actual")}</th>
                  <th scope="col" className="num">{t("cockpit.targets.gap")}</th>
                  <th scope="col">{t("cockpit.targets.source")}</th>
                </tr>
              </thead>
              <tbody>
                {data.targets.map((x) => (
                  <tr key={x.year}>
                    <th scope="row">{x.year}</th>
                    <td className="num">{formatIndex(x.target, lang)}</td>
                    <td className="num">{formatIndexOr(x.actual, lang)}</td>
                    <td className="num">{x.gap === null ? NO_VALUE : x.gap > 0 ? t("cockpit.targets.below", { gap: formatIndex(x.gap, lang) }) : t("cockpit.targets.reached", { gap: formatChange(-x.gap, lang) })}</td>
                    <td>{x.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      ) : (
        <p>{t("cockpit.targets.none")}</p>
      )}
      {data.abilities.setTargets && <TargetForm data={data} onSaved={onSaved} />}
    </>
  );
}

type Draft = { year: string; target: string; source: string };

function TargetForm({ data, onSaved }: { data: Cockpit; onSaved: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toText = (v: number) => formatIndex(v, lang);
  const [rows, setRows] = useState<Draft[]>(() => data.targets.map((x) => ({ year: String(x.year), target: toText(x.target), source: x.source })));
  const { busy, error, setError, run } = useSubmit();
  const [saved, setSaved] = useState(false);
  const update = (i: number, patch: Partial<Draft>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const parsed = rows.map((r) => ({ year: Number(r.year), target: Number(r.target.replace(",", ".")), source: r.source.trim() }));
    if (parsed.some((p) => !Number.isInteger(p.year) || !Number.isFinite(p.target))) {
      setError(t("cockpit.targets.invalid"));
      return;
    }
    await run(async () => {
      await saveTargets(data.province.code, parsed);
      setSaved(true);
      onSaved();
    });
  };
  return (
    <form className="card target-form no-print" onSubmit={(e) => void submit(e)} aria-labelledby="target-form-title">
      <h3 id="target-form-title">{t("cockpit.targets.edit")}</h3>
      <p className="hint">{t("cockpit.targets.hint")}</p>
      {rows.map((r, i) => (
        <fieldset key={i} className="field-row">
          <legend className="visually-hidden">{t("cockpit.targets.row", { n: i + 1 })}</legend>
          <div className="field">
            <label htmlFor={`target-year-${i}`}>{t("cockpit.col.year")}</label>
            <input id={`target-year-${i}`} inputMode="numeric" value={r.year} onChange={(e) => update(i, { year: e.target.value })} data-testid={`target-year-${i}`} required />
          </div>
          <div className="field">
            <label htmlFor={`target-value-${i}`}>{t("cockpit.targets.target")}</label>
            <input id={`target-value-${i}`} inputMode="decimal" value={r.target} onChange={(e) => update(i, { target: e.target.value })} data-testid={`target-value-${i}`} required />
          </div>
          <div className="field">
            <label htmlFor={`target-source-${i}`}>{t("cockpit.targets.source")}</label>
            <input id={`target-source-${i}`} value={r.source} onChange={(e) => update(i, { source: e.target.value })} data-testid={`target-source-${i}`} required minLength={3} />
          </div>
          <div className="field">
            <button type="button" className="button button-secondary" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {t("cockpit.targets.remove", { year: r.year || "?" })}
            </button>
          </div>
        </fieldset>
      ))}
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={() => setRows([...rows, { year: String(data.year + 1), target: "", source: "" }])} data-testid="target-add">
          {t("cockpit.targets.add")}
        </button>
        <button type="submit" className="button" disabled={busy} data-testid="target-save">
          {t("cockpit.targets.save")}
        </button>
      </div>
      <FormError error={error} />
      {saved && <Success testId="target-saved">{t("cockpit.targets.saved")}</Success>}
    </form>
  );
}

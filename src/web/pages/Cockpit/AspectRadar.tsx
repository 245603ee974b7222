import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { shortName } from "../../components/StatCards";
import type { Cockpit } from "../../dashboardsApi";
import { ComparisonRadar } from "./ComparisonRadar";

/**
 * One agency's aspect indices (from its levels in Pandu) against the provincial average and the
 * national average of every agency's newest finalised Pandu result; the table is the chart's text
 * alternative.
 */
export function AspectRadar({ data }: { data: Cockpit }) {
  const { t } = useTranslation();
  const { aspects, rows, aspectAverages, nationalAspectAverages } = data.heatmap;
  const withAspects = rows.filter((r) => Object.values(r.aspects).some((v) => v !== null));
  const [code, setCode] = useState(withAspects.find((r) => r.code === data.province.code)?.code ?? withAspects[0]?.code ?? "");
  const row = withAspects.find((r) => r.code === code) ?? withAspects[0];
  const series = useMemo(() => {
    if (!row) return [];
    const of = (list: { code: string; index: number | null }[]) => aspects.map((a) => list.find((x) => x.code === a.code)?.index ?? null);
    return [
      { name: shortName(row.name), values: aspects.map((a) => row.aspects[a.code] ?? null) },
      { name: t("cockpit.aspectRadar.province"), values: of(aspectAverages) },
      { name: t("cockpit.aspectRadar.national"), values: of(nationalAspectAverages) },
    ];
  }, [row, aspects, aspectAverages, nationalAspectAverages, t]);
  if (!row) return <p>{t("cockpit.heatmap.empty")}</p>;
  return (
    <ComparisonRadar
      axes={aspects}
      axisName={(a) => a.code}
      series={series}
      picker={{ id: "aspect-radar-agency", testId: "aspect-radar-agency", value: row.code, options: withAspects, onChange: setCode }}
      label={t("cockpit.aspectRadar.chart", { agency: row.name })}
      caption={t("cockpit.aspectRadar.caption", { counted: nationalAspectAverages[0]?.count ?? 0 })}
      tableTestId="aspect-radar-table"
      height={400}
    />
  );
}

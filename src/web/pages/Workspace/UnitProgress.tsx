import { useTranslation } from "react-i18next";
import type { ProgressCounts } from "../../../core";
import { fetchUnits } from "../../planningApi";
import { useApi } from "../../useApi";
import { useWorkspace } from "./context";

/** Self-assessment progress per unit (OPD), once indicators have been given to units. */
export function UnitProgress({ byUnit }: { byUnit: Record<string, ProgressCounts> }) {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  const assigned = Object.keys(byUnit).some((k) => k !== "");
  const units = useApi(`units:${ws.agency.code}:${assigned}`, (signal) => (assigned ? fetchUnits(ws.agency.code, signal) : Promise.resolve([])));
  if (!assigned || units.status !== "ok") return null;
  const name = (key: string) => (key === "" ? t("ws.units.unitUnassigned") : (units.data.find((u) => String(u.id) === key)?.name ?? key));
  const keys = Object.keys(byUnit).sort((a, b) => (a === "" ? 1 : b === "" ? -1 : name(a).localeCompare(name(b), "id")));
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="ws-unit-progress">
        <caption>{t("ws.units.unitProgressCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ws.units.unit")}</th>
            <th scope="col">{t("ws.units.unitTotal")}</th>
            <th scope="col">{t("ws.units.unitFilled")}</th>
            <th scope="col">{t("ws.units.unitVerified")}</th>
            <th scope="col">{t("ws.units.unitEvidence")}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k} data-testid={`ws-unit-progress-${k || "none"}`}>
              <th scope="row">{name(k)}</th>
              <td>{byUnit[k]!.total}</td>
              <td>{byUnit[k]!.filled}</td>
              <td>{byUnit[k]!.verified}</td>
              <td>{byUnit[k]!.withEvidence}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

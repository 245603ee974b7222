import { useTranslation } from "react-i18next";
import { formatDate } from "../../format";
import { useLang } from "../../i18n";

interface Sla {
  deadline: string | null;
  daysLeft: number | null;
  status: string;
  provisional: boolean;
}

/** A deadline in words: the day, the working days left and the state (on track, due soon, past). */
export function SlaText({ sla }: { sla: Sla }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <span className={`sla sla-${sla.status}`} data-testid="sla">
      {sla.deadline ? formatDate(sla.deadline, lang) : "–"} · {t(`complaints.sla.${sla.status as "on_track"}`)}
      {sla.daysLeft !== null && sla.daysLeft >= 0 ? ` · ${t("complaints.sla.daysLeft", { count: sla.daysLeft })}` : ""}
      {sla.provisional ? ` · ${t("complaints.sla.provisional")}` : ""}
    </span>
  );
}

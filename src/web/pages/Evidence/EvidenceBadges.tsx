import { useTranslation } from "react-i18next";
import type { EvidenceSummary } from "../../evidenceApi";
import { formatDate, NO_VALUE } from "../../format";
import { useLang } from "../../i18n";

/** The review date, with a visible flag when it is two years old or more (level 4 wants a younger review). */
export function ReviewDate({ evidence, testId }: { evidence: Pick<EvidenceSummary, "reviewDate" | "tooOld">; testId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!evidence.reviewDate) return <span className="muted">{t("evidence.noReviewDate")}</span>;
  return (
    <span>
      {formatDate(evidence.reviewDate, lang)}
      {evidence.tooOld && (
        <span className="badge badge-too-old" data-testid={testId} title={t("evidence.tooOldHint")}>
          {t("evidence.tooOld")}
        </span>
      )}
    </span>
  );
}

/** "Pergub 12/2021 · 3 Maret 2021", or a dash. */
export function DocumentRef({ evidence }: { evidence: Pick<EvidenceSummary, "documentNumber" | "documentDate"> }) {
  const lang = useLang();
  const parts = [evidence.documentNumber, evidence.documentDate ? formatDate(evidence.documentDate, lang) : null].filter(Boolean);
  return <span>{parts.length ? parts.join(" · ") : NO_VALUE}</span>;
}

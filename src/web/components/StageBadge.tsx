import { useTranslation } from "react-i18next";
import type { StageName } from "../assessmentApi";

/** The stage of an assessment as a small badge with its translated name. */
export function StageBadge({ stage, testId }: { stage: StageName; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-stage badge-stage-${stage}`} data-testid={testId}>
      {t(`stages.${stage}`)}
    </span>
  );
}

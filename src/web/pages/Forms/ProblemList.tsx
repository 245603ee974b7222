import { useTranslation } from "react-i18next";
import type { FormProblemItem } from "../../formsApi";

/** Problems of a form definition, each with its path and its code in the reader's language (never the validator's English). */
export function ProblemList({ problems, testId, title }: { problems: FormProblemItem[]; testId: string; title?: string }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div className="status-error" data-testid={testId}>
      {title && <p>{title}</p>}
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <code>{p.path || "–"}</code>: {t(`forms.problems.${p.code}`, { defaultValue: t("forms.problems.invalid_shape") })}
          </li>
        ))}
      </ul>
    </div>
  );
}

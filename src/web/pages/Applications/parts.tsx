import { useTranslation } from "react-i18next";
import type { FormField } from "../../../core/forms/types";
import { formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { answerText, formOf, isObject, text, type Answers } from "./answers";
import { caseReasonText } from "../../caseReason";

/** A workflow state in the reader's language (the public tracking page's names). */
export function StateName({ state }: { state: string }) {
  const { t } = useTranslation();
  return <>{state === "draft" ? t("applications.draft") : t(`track.states.${state}`, { defaultValue: state })}</>;
}

/** The SLA state of a deadline as a badge with words (never colour alone). */
export function SlaBadge({ sla, testId }: { sla: string | null | undefined; testId?: string }) {
  const { t } = useTranslation();
  if (!sla) return null;
  return (
    <span className={`badge badge-sla badge-sla-${sla}`} data-testid={testId}>
      {t(`applications.sla.${sla}`, { defaultValue: sla })}
    </span>
  );
}

/** The answers of an application as a definition list, in the form's order, hidden fields left out. */
export function AnswerList({ definition, data, fileLink }: { definition: Record<string, unknown>; data: Answers; fileLink?: (field: string, name: string) => string | null }) {
  const form = formOf(definition);
  return (
    <dl className="facts answer-list" data-testid="answer-list">
      <Fields fields={form.fields} data={data} fileLink={fileLink} />
    </dl>
  );
}

function Fields({ fields, data, fileLink }: { fields: FormField[]; data: Answers; fileLink: ((field: string, name: string) => string | null) | undefined }) {
  const lang = useLang();
  const { t } = useTranslation();
  return (
    <>
      {fields.map((f) => {
        if (f.type === "section" || !(f.key in data)) return null;
        const v = data[f.key];
        if (f.type === "group") {
          const items = f.repeat ? (Array.isArray(v) ? v : []) : [v];
          return items.map((item, i) => (
            <div key={`${f.key}-${i}`} className="answer-group">
              <dt>
                {text(f.label, lang)}
                {f.repeat ? ` ${t("applications.form.item", { n: i + 1 })}` : ""}
              </dt>
              <dd>
                <dl className="facts">
                  <Fields fields={f.fields} data={isObject(item) ? item : {}} fileLink={fileLink} />
                </dl>
              </dd>
            </div>
          ));
        }
        if (f.type === "file" && fileLink) {
          const list = (Array.isArray(v) ? v : [v]).filter(isObject);
          return (
            <div key={f.key}>
              <dt>{text(f.label, lang)}</dt>
              <dd>
                {list.map((file, i) => {
                  const href = fileLink(f.key, String(file.name));
                  return (
                    <span key={i}>
                      {href ? (
                        <a href={href} download data-testid="answer-file">
                          {String(file.name)}
                        </a>
                      ) : (
                        String(file.name)
                      )}{" "}
                    </span>
                  );
                })}
              </dd>
            </div>
          );
        }
        return (
          <div key={f.key}>
            <dt>{text(f.label, lang)}</dt>
            <dd>{answerText(f, v, lang)}</dd>
          </div>
        );
      })}
    </>
  );
}

/** The case history, oldest first: what happened, when, and the reason given. */
export function History({ history, withRole }: { history: (Parameters<typeof caseReasonText>[2] & { action: string; from: string | null; to: string; at: string; byCitizen: boolean; role: string })[]; withRole?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <ol className="history-list" data-testid="application-history">
      {history.map((h, i) => {
        const reason = caseReasonText(t, lang, h);
        return (
          <li key={i}>
            <strong>{t(`applications.actions.${h.action}`, { defaultValue: h.action })}</strong> — <StateName state={h.to} /> <span className="hint">{formatDateTime(h.at, lang)}</span>
            {h.byCitizen ? ` (${t("applications.history.byCitizen")})` : withRole || h.role === "sistem" ? ` (${t(`applications.workflowRoles.${h.role}`, { defaultValue: h.role })})` : ""}
            {reason && (
              <>
                <br />
                {t("applications.history.reason")}: {reason}
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}

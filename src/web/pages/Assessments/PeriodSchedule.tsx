import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, isRecord } from "../../api";
import type { Period, StageName } from "../../assessmentApi";
import { formatDate, NO_VALUE } from "../../format";
import { useLang } from "../../i18n";
import { clearStageWindow, setStageWindow, type StageWindowItem } from "../../scheduleApi";
import { ConfirmButton } from "../../components/ConfirmButton";
import { FormError, Success } from "../../components/Status";

type Field = "opens" | "closes";
type FieldErrors = Partial<Record<Field, string>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the browser can tell before asking the server: both dates given, closing not before opening. */
function checkWindow(opens: string, closes: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!opens) errors.opens = "schedule.required";
  else if (!ISO_DATE.test(opens)) errors.opens = "schedule.invalidDate";
  if (!closes) errors.closes = "schedule.required";
  else if (!ISO_DATE.test(closes)) errors.closes = "schedule.invalidDate";
  if (!errors.opens && !errors.closes && closes < opens) errors.closes = "schedule.order";
  return errors;
}

/** The date field a refusal names in `details.field` ("body.closes"), if any. */
function fieldOf(error: unknown): Field | null {
  if (!(error instanceof ApiError) || !isRecord(error.details) || typeof error.details.field !== "string") return null;
  const m = /^body\.(opens|closes)\b/.exec(error.details.field);
  return m ? (m[1] as Field) : null;
}

/** One date input with its own error line, tied by aria-describedby. */
function DateField({ id, label, value, error, testId, onChange }: { id: string; label: string; value: string; error: string | undefined; testId: string; onChange(v: string): void }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} required aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
      {error && (
        <p className="field-error" id={`${id}-error`} data-testid={`${testId}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Sets one stage's dates; errors are shown under the field they concern. */
function StageWindowForm({ periodId, item, onSaved, onCancel }: { periodId: number; item: StageWindowItem; onSaved(schedule: StageWindowItem[], removed?: boolean): void; onCancel(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [opens, setOpens] = useState(item.opens ?? "");
  const [closes, setCloses] = useState(item.closes ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverField, setServerField] = useState<{ field: Field; message: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const stageName = t(`stages.${item.stage}`);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setServerField(null);
    const found = checkWindow(opens, closes);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      onSaved(await setStageWindow(periodId, { stage: item.stage, opens, closes }));
    } catch (err) {
      const field = fieldOf(err);
      // The field the refusal names gets the interface's own sentence, chosen by the refusal's code.
      if (field) setServerField({ field, message: (err as ApiError).code === "window_order" ? t("schedule.order") : t("schedule.invalidDate") });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (f: Field) => (errors[f] ? t(errors[f] as "schedule.required") : serverField?.field === f ? serverField.message : undefined);
  return (
    <form className="schedule-form" noValidate onSubmit={(e) => void submit(e)} aria-label={t("schedule.editStage", { stage: stageName })} data-testid={`schedule-form-${item.stage}`}>
      <DateField id={`${id}-opens`} label={t("schedule.opens")} value={opens} error={fieldError("opens")} testId={`schedule-opens-${item.stage}`} onChange={setOpens} />
      <DateField id={`${id}-closes`} label={t("schedule.closes")} value={closes} error={fieldError("closes")} testId={`schedule-closes-${item.stage}`} onChange={setCloses} />
      <FormError error={error} />
      <div className="button-row">
        <button type="submit" className="button button-small" disabled={busy} data-testid={`schedule-save-${item.stage}`}>
          {t("schedule.save")}
        </button>
        <button type="button" className="button button-small button-secondary" onClick={onCancel}>
          {t("schedule.cancel")}
        </button>
        {item.opens && (
          <ConfirmButton
            label={t("schedule.remove")}
            question={t("schedule.removeQuestion", { stage: stageName })}
            testId={`schedule-remove-${item.stage}`}
            onConfirm={async () => {
              setError(null);
              try {
                onSaved(await clearStageWindow(periodId, item.stage), true);
              } catch (err) {
                setError(err);
              }
            }}
          />
        )}
      </div>
    </form>
  );
}

/** A period's stage dates in a table; whoever may change them edits one stage at a time. */
export function PeriodSchedule({ period }: { period: Period }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [schedule, setSchedule] = useState(period.schedule);
  const [editing, setEditing] = useState<StageName | null>(null);
  const [saved, setSaved] = useState<{ stage: StageName; removed: boolean } | null>(null);
  const date = (d: string | null) => (d ? formatDate(d, lang) : NO_VALUE);
  return (
    <details className="period-schedule" data-testid={`period-schedule-${period.id}`} open={editing !== null || saved !== null || undefined}>
      <summary>{t("schedule.editTitle")}</summary>
      <p className="small muted">{t("schedule.editIntro")}</p>
      {saved && <Success testId={`schedule-saved-${period.id}`}>{t(saved.removed ? "schedule.removed" : "schedule.saved", { stage: t(`stages.${saved.stage}`) })}</Success>}
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t("schedule.caption", { name: period.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("schedule.colStage")}</th>
              <th scope="col">{t("schedule.colOpens")}</th>
              <th scope="col">{t("schedule.colCloses")}</th>
              <th scope="col">{t("schedule.colState")}</th>
              {period.canEditSchedule && <td />}
            </tr>
          </thead>
          <tbody>
            {schedule.map((w) => (
              <tr key={w.stage} data-testid={`schedule-row-${period.id}-${w.stage}`}>
                <th scope="row">{t(`stages.${w.stage}`)}</th>
                <td>{date(w.opens)}</td>
                <td>{date(w.closes)}</td>
                <td>{t(`schedule.states.${w.state}`)}</td>
                {period.canEditSchedule && (
                  <td>
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      aria-expanded={editing === w.stage}
                      data-testid={`schedule-edit-${period.id}-${w.stage}`}
                      onClick={() => {
                        setSaved(null);
                        setEditing(editing === w.stage ? null : w.stage);
                      }}
                    >
                      {t("schedule.edit")}
                      <span className="visually-hidden">: {t(`stages.${w.stage}`)}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing && (
        <StageWindowForm
          key={editing}
          periodId={period.id}
          item={schedule.find((w) => w.stage === editing)!}
          onCancel={() => setEditing(null)}
          onSaved={(next, removed = false) => {
            setSchedule(next);
            setSaved({ stage: editing, removed });
            setEditing(null);
          }}
        />
      )}
    </details>
  );
}

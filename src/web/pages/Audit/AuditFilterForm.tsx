import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { AuditFilters } from "../../adminApi";

const FIELDS: { name: keyof AuditFilters; type: "text" | "date"; hint?: boolean }[] = [
  { name: "agency", type: "text", hint: true },
  { name: "actor", type: "text" },
  { name: "action", type: "text", hint: true },
  { name: "from", type: "date" },
  { name: "to", type: "date" },
];

/** The audit filters; applying them changes the page address (so a filtered view can be shared). */
export function AuditFilterForm({ value, onApply }: { value: AuditFilters; onApply(f: AuditFilters): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(value);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, agency: draft.agency.trim().toUpperCase() });
  };
  const clear = () => {
    const empty = { agency: "", actor: "", action: "", from: "", to: "" };
    setDraft(empty);
    onApply(empty);
  };
  return (
    <form className="card filter-form" role="search" aria-label={t("audit.filters")} onSubmit={submit}>
      <div className="filter-grid">
        {FIELDS.map((f) => (
          <div className="field" key={f.name}>
            <label htmlFor={`${id}-${f.name}`}>{t(`audit.filter.${f.name}`)}</label>
            <input
              id={`${id}-${f.name}`}
              type={f.type}
              value={draft[f.name]}
              aria-describedby={f.hint ? `${id}-${f.name}-hint` : undefined}
              data-testid={`audit-filter-${f.name}`}
              onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })}
            />
            {f.hint && (
              <p className="hint" id={`${id}-${f.name}-hint`}>
                {t(`audit.hint.${f.name as "agency" | "action"}`)}
              </p>
            )}
          </div>
        ))}
      </div>
      <div className="button-row">
        <button type="submit" className="button" data-testid="audit-apply">
          {t("audit.apply")}
        </button>
        <button type="button" className="button button-secondary" onClick={clear}>
          {t("audit.clear")}
        </button>
      </div>
    </form>
  );
}

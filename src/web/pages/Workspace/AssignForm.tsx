import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { assignAssessor } from "../../assessmentApi";
import { FormError, Success } from "../../components/Status";
import { useSubmit } from "../../useSubmit";
import { useWorkspace } from "./context";

/** Assign an internal assessor (optionally to some indicators) or an external assessor, by e-mail. */
export function AssignForm({ role, onAssigned }: { role: "asesor_internal" | "asesor_eksternal"; onAssigned?: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { ws } = useWorkspace();
  const [email, setEmail] = useState("");
  const [codes, setCodes] = useState("");
  const { busy, error, run } = useSubmit();
  const [done, setDone] = useState<string | null>(null);
  const internal = role === "asesor_internal";
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    await run(async () => {
      const indicators = codes.split(/[\s,;]+/).filter(Boolean);
      await assignAssessor(ws.id, { email: email.trim(), role, ...(internal && indicators.length ? { indicators } : {}) });
      setDone(email.trim());
      onAssigned?.();
      setEmail("");
      setCodes("");
    });
  };
  return (
    <form className="ws-action" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-title`}>{internal ? t("ws.assign.internal") : t("ws.assign.external")}</h3>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t("ws.assign.email")}</label>
        <input id={`${id}-email`} type="email" required autoComplete="off" value={email} data-testid={`ws-assign-${role}-email`} onChange={(e) => setEmail(e.target.value)} />
      </div>
      {internal && (
        <div className="field">
          <label htmlFor={`${id}-codes`}>{t("ws.assign.indicators")}</label>
          <input id={`${id}-codes`} type="text" autoComplete="off" value={codes} aria-describedby={`${id}-codes-hint`} onChange={(e) => setCodes(e.target.value)} />
          <p className="hint" id={`${id}-codes-hint`}>
            {t("ws.assign.indicatorsHint")}
          </p>
        </div>
      )}
      <FormError error={error} />
      <div>
        <button type="submit" className="button button-small" disabled={busy} data-testid={`ws-assign-${role}`}>
          {t("ws.assign.submit")}
        </button>
      </div>
      {done && <Success>{t("ws.assign.done", { email: done })}</Success>}
    </form>
  );
}

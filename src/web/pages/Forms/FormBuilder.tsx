import { useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { FormDefinition } from "../../../core/forms/types";
import { validateForm } from "../../../core/forms/validate-form";
import { fetchAgencyForms, formProblemsOf, saveFormDraft, type AgencyFormVersion, type FormProblemItem } from "../../formsApi";
import { RequireSession } from "../../components/RequireSession";
import { FormError, Loading } from "../../components/Status";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { LoadFailure, NotFoundPage } from "../NotFound";
import { FormFields } from "../Applications/FormFields";
import { formOf, type Answers } from "../Applications/answers";
import { builderId, FieldList, ownProblems } from "./FieldEditor";
import { ProblemList } from "./ProblemList";

/** `/formulir/:code/:formVersionId/ubah`: the visual editor of a draft form version. */
export function FormBuilderPage() {
  const { code = "", formVersionId = "" } = useParams();
  const forms = useApi(`forms:${code}`, (signal) => fetchAgencyForms(code, signal));
  const { t } = useTranslation();
  const version = forms.status === "ok" ? forms.data.find((f) => String(f.id) === formVersionId) : undefined;
  return (
    <RequireSession>
      {forms.status === "loading" ? (
        <Loading label={t("forms.loading")} />
      ) : forms.status === "error" ? (
        <LoadFailure error={forms.error} retry={forms.retry} />
      ) : !version ? (
        <NotFoundPage />
      ) : (
        <Builder key={version.id} code={code} version={version} />
      )}
    </RequireSession>
  );
}

function Builder({ code, version }: { code: string; version: AgencyFormVersion }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<FormDefinition>(() => formOf(version.definition));
  const [dirty, setDirty] = useState(false);
  const [saveState, setSaveState] = useState<"idle" | "saving" | "saved">("idle");
  const [failure, setFailure] = useState<unknown>(null);
  const [serverProblems, setServerProblems] = useState<FormProblemItem[]>([]);
  const [view, setView] = useState<"edit" | "preview" | "json">("edit");
  const [answers, setAnswers] = useState<Answers>({});
  const [jsonText, setJsonText] = useState("");
  const [jsonError, setJsonError] = useState<string | null>(null);
  const editable = version.status === "draft";
  const latest = useRef(form);
  latest.current = form;
  usePageTitle(t("forms.builder.title", { title: form.title.id }));

  const check = useMemo(() => validateForm(form), [form]);
  const problems: FormProblemItem[] = check.ok ? serverProblems : check.problems.map(({ path, code: c }) => ({ path, code: c }));

  const change = (next: FormDefinition) => {
    setForm(next);
    setDirty(true);
    setSaveState("idle");
    setServerProblems([]);
  };

  const save = useCallback(async (): Promise<boolean> => {
    setFailure(null);
    const sent = latest.current;
    if (!validateForm(sent).ok) return false;
    setSaveState("saving");
    try {
      await saveFormDraft(code, version.id, sent);
      // A change made while saving stays unsaved.
      if (latest.current === sent) setDirty(false);
      setSaveState("saved");
      return true;
    } catch (e) {
      setServerProblems(formProblemsOf(e) ?? []);
      setFailure(e);
      setSaveState("idle");
      return false;
    }
  }, [code, version.id]);
  useUnsavedChanges(dirty, editable ? save : undefined);

  const openJson = () => {
    setJsonText(JSON.stringify(form, null, 2));
    setJsonError(null);
    setView("json");
  };
  const applyJson = () => {
    try {
      const parsed = JSON.parse(jsonText) as unknown;
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || !Array.isArray((parsed as { fields?: unknown }).fields)) throw new Error("shape");
      change(parsed as FormDefinition);
      setView("edit");
    } catch {
      setJsonError(t("forms.builder.jsonUnreadable"));
    }
  };
  const set = (changes: Partial<FormDefinition>) => change({ ...form, ...changes });
  const header = ownProblems(problems, "").filter((p) => !p.path.startsWith("fields["));

  return (
    <section className="form-builder" data-testid="form-builder">
      <p>
        <Link to={`/formulir/${encodeURIComponent(code)}`}>{t("forms.builder.back")}</Link>
      </p>
      <h1>{t("forms.builder.title", { title: form.title.id })}</h1>
      <p className="hint">
        {t("forms.list.versionLine", { formId: version.formId, version: version.version })} · {version.serviceName ?? t("forms.list.noService")} · {t(`forms.status.${version.status}`, { defaultValue: version.status })}
      </p>
      {!editable && <p className="status-info">{t("forms.builder.readOnly")}</p>}
      <div className="button-row" role="group" aria-label={t("forms.builder.views")}>
        <button type="button" className={view === "edit" ? "button" : "button button-secondary"} aria-pressed={view === "edit"} onClick={() => setView("edit")} data-testid="builder-view-edit">
          {t("forms.builder.viewEdit")}
        </button>
        <button type="button" className={view === "preview" ? "button" : "button button-secondary"} aria-pressed={view === "preview"} onClick={() => setView("preview")} data-testid="builder-view-preview">
          {t("forms.builder.viewPreview")}
        </button>
        <button type="button" className={view === "json" ? "button" : "button button-secondary"} aria-pressed={view === "json"} onClick={openJson} data-testid="builder-view-json">
          {t("forms.builder.viewJson")}
        </button>
      </div>

      <div aria-live="polite">
        <ProblemList problems={problems} testId="builder-problems" title={t("forms.builder.problemsTitle", { count: problems.length })} />
        {problems.length === 0 && <p className="status-success" data-testid="builder-valid">{t("forms.builder.valid")}</p>}
      </div>

      {view === "edit" && (
        <fieldset disabled={!editable} className="form-builder-body">
          <div className="card">
            <h2>{t("forms.builder.formSettings")}</h2>
            <ProblemList problems={header} testId="builder-header-problems" />
            <FormTitle form={form} set={set} />
          </div>
          <h2>{t("forms.builder.fields")}</h2>
          <FieldList form={form} groupPlace={[]} fields={form.fields} problems={problems} onChange={change} />
        </fieldset>
      )}

      {view === "preview" && (
        <div className="card" data-testid="builder-preview">
          <h2>{t("forms.builder.previewTitle")}</h2>
          <p className="hint">{t("forms.builder.previewHint")}</p>
          {check.ok ? (
            <form className="application-form" aria-label={form.title.id} onSubmit={(e) => e.preventDefault()} noValidate>
              <h3>{form.title.id}</h3>
              <FormFields fields={form.fields} values={answers} onChange={setAnswers} ctx={{ root: answers, items: [], errors: [], upload: () => Promise.reject(new Error("preview")), disabled: false }} />
            </form>
          ) : (
            <p>{t("forms.builder.previewBlocked")}</p>
          )}
        </div>
      )}

      {view === "json" && (
        <div className="card">
          <label htmlFor="builder-json">{t("forms.builder.jsonLabel")}</label>
          <textarea id="builder-json" data-testid="builder-json" rows={20} value={jsonText} readOnly={!editable} onChange={(e) => setJsonText(e.target.value)} spellCheck={false} />
          {jsonError && (
            <p className="field-error" role="alert">
              {jsonError}
            </p>
          )}
          <div className="button-row">
            {editable && (
              <button type="button" onClick={applyJson} data-testid="builder-json-apply">
                {t("forms.builder.jsonApply")}
              </button>
            )}
          </div>
        </div>
      )}

      {editable && (
        <div className="button-row form-builder-actions">
          <button type="button" onClick={() => void save()} disabled={!check.ok || saveState === "saving"} data-testid="builder-save">
            {t("forms.builder.save")}
          </button>
          <span role="status" className="hint" data-testid="builder-save-state">
            {saveState === "saving" ? t("forms.builder.saving") : saveState === "saved" ? t("forms.builder.saved") : dirty ? t("forms.builder.unsaved") : ""}
          </span>
        </div>
      )}
      <FormError error={failure} testId="builder-failure" />
    </section>
  );
}

function FormTitle({ form, set }: { form: FormDefinition; set(c: Partial<FormDefinition>): void }) {
  const { t } = useTranslation();
  const id = (what: string) => builderId("form", what);
  return (
    <>
      {(["id", "en"] as const).map((lang) => (
        <div key={lang}>
          <label htmlFor={id(`title-${lang}`)}>
            {t("forms.builder.formTitle")} ({t(lang === "id" ? "forms.builder.langId" : "forms.builder.langEn")})
          </label>
          <input id={id(`title-${lang}`)} data-testid={id(`title-${lang}`)} type="text" value={form.title[lang]} onChange={(e) => set({ title: { ...form.title, [lang]: e.target.value } })} />
        </div>
      ))}
      <div>
        <label htmlFor={id("legal")}>{t("forms.builder.legalBasis")}</label>
        <input id={id("legal")} type="text" value={form.legalBasis ?? ""} onChange={(e) => set({ legalBasis: e.target.value || undefined })} />
      </div>
      <div>
        <label htmlFor={id("retention")}>{t("forms.builder.defaultRetentionDays")}</label>
        <input id={id("retention")} type="number" inputMode="numeric" value={form.defaultRetentionDays ?? ""} onChange={(e) => set({ defaultRetentionDays: e.target.value === "" ? undefined : Number(e.target.value) })} />
      </div>
    </>
  );
}

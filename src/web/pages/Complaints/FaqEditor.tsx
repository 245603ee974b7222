import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ConfirmButton } from "../../components/ConfirmButton";
import { FormError, Loading, Success } from "../../components/Status";
import { fetchOfficerFaq, saveServiceFaq, type OfficerFaq } from "../../complaintsApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { LoadFailure } from "../NotFound";

type Entry = { key: number; question: string; answer: string };
let nextKey = 0;
const keyed = (entries: OfficerFaq["entries"]): Entry[] => entries.map((e) => ({ key: ++nextKey, question: e.question, answer: e.answer }));
const plain = (entries: Entry[]) => entries.map((e) => ({ question: e.question.trim(), answer: e.answer.trim() }));

/** The FAQ of one service as its agency keeps it (/katalog-layanan/:code/:serviceId/bantuan): add, edit, reorder and remove, saved at once. */
export function FaqEditorPage() {
  const { t } = useTranslation();
  const { code = "", serviceId = "" } = useParams();
  usePageTitle(t("complaints.faqEditor.title"));
  const state = useApi(`officer-faq:${code}:${serviceId}`, (signal) => fetchOfficerFaq(code, serviceId, signal));
  if (state.status === "loading") return <Loading label={t("services.loading")} />;
  if (state.status === "error") return <LoadFailure error={state.error} retry={state.retry} />;
  return <FaqEditor code={code} initial={state.data} />;
}

function FaqEditor({ code, initial }: { code: string; initial: OfficerFaq }) {
  const { t } = useTranslation();
  const id = useId();
  const [saved, setSaved] = useState(() => keyed(initial.entries));
  const [entries, setEntries] = useState(saved);
  const [done, setDone] = useState(false);
  const submit = useSubmit();
  const dirty = JSON.stringify(plain(entries)) !== JSON.stringify(plain(saved));
  useUnsavedChanges(dirty);
  const { service, abilities } = initial;
  const change = (next: Entry[]) => {
    setDone(false);
    setEntries(next);
  };
  const update = (i: number, patch: Partial<Entry>) => change(entries.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...entries];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    change(next);
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      const res = await saveServiceFaq(code, service.id, plain(entries));
      const next = keyed(res.entries);
      setSaved(next);
      setEntries(next);
      setDone(true);
    });
  };
  return (
    <section data-testid="faq-editor">
      <p>
        <Link to={`/katalog-layanan/${encodeURIComponent(code)}/${service.id}`}>{t("complaints.faqEditor.back", { service: service.name })}</Link>
      </p>
      <h1>{t("complaints.faqEditor.title")}</h1>
      <p className="lead">{service.name}</p>
      <p className="hint">
        {t("complaints.faqEditor.hint")}{" "}
        <Link to={`/layanan/${service.id}/bantuan`}>{t("complaints.faqEditor.publicPage")}</Link>
      </p>
      {!abilities.manage ? (
        entries.length === 0 ? (
          <p className="muted">{t("complaints.faq.none")}</p>
        ) : (
          <ol>
            {entries.map((e) => (
              <li key={e.key}>
                <strong>{e.question}</strong>
                <p className="pre-line">{e.answer}</p>
              </li>
            ))}
          </ol>
        )
      ) : (
        <form className="form form-wide" onSubmit={(e) => void save(e)} aria-label={t("complaints.faqEditor.title")}>
          <FormError error={submit.error} testId="faq-error" />
          {done && <Success testId="faq-saved">{t("complaints.faqEditor.saved")}</Success>}
          {entries.length === 0 && <p className="muted">{t("complaints.faq.none")}</p>}
          <ol className="faq-edit-list">
            {entries.map((e, i) => (
              <li key={e.key} className="card" data-testid="faq-entry">
                <div className="field">
                  <label htmlFor={`${id}-q-${e.key}`}>{t("complaints.faqEditor.question", { n: i + 1 })}</label>
                  <input id={`${id}-q-${e.key}`} value={e.question} required minLength={3} maxLength={500} onChange={(ev) => update(i, { question: ev.target.value })} data-testid="faq-question" />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-a-${e.key}`}>{t("complaints.faqEditor.answer")}</label>
                  <textarea id={`${id}-a-${e.key}`} rows={3} value={e.answer} required minLength={3} maxLength={4000} onChange={(ev) => update(i, { answer: ev.target.value })} data-testid="faq-answer" />
                </div>
                <div className="button-row">
                  <button type="button" className="button button-small button-secondary" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("complaints.faqEditor.moveUp", { n: i + 1 })} data-testid="faq-up">
                    ↑ {t("complaints.faqEditor.up")}
                  </button>
                  <button type="button" className="button button-small button-secondary" disabled={i === entries.length - 1} onClick={() => move(i, 1)} aria-label={t("complaints.faqEditor.moveDown", { n: i + 1 })} data-testid="faq-down">
                    ↓ {t("complaints.faqEditor.down")}
                  </button>
                  <ConfirmButton label={t("complaints.faqEditor.remove")} question={t("complaints.faqEditor.removeQuestion", { n: i + 1 })} onConfirm={() => change(entries.filter((_, j) => j !== i))} testId="faq-remove" />
                </div>
              </li>
            ))}
          </ol>
          <div className="button-row">
            <button type="button" className="button button-secondary" disabled={entries.length >= 100} onClick={() => change([...entries, { key: ++nextKey, question: "", answer: "" }])} data-testid="faq-add">
              {t("complaints.faqEditor.add")}
            </button>
            <button type="submit" className="button" disabled={submit.busy || !dirty} data-testid="faq-save">
              {t("complaints.faqEditor.save")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

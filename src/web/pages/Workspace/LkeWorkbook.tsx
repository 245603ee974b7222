import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { importLkeWorkbook, lkeProblemsOf, lkeWorkbookUrl } from "../../assessmentApi";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { FormError, Success } from "../../components/Status";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";
import { useWorkspace } from "./context";

/**
 * The LKE worksheet (Excel): a download for every reader and, for whoever may answer in the open
 * stage, an import that asks first and then shows the number of answers changed or every problem
 * of the workbook by sheet, row and column (nothing is imported then).
 */
export function LkeWorkbook() {
  const { t } = useTranslation();
  const id = useId();
  const { ws, refresh } = useWorkspace();
  const [file, setFile] = useState<File | null>(null);
  const [asking, setAsking] = useState(false);
  const [changed, setChanged] = useState<number | null>(null);
  const { busy, error, run } = useSubmit();
  const problems = lkeProblemsOf(error);
  // A chosen workbook not imported yet is work that leaving the page would lose.
  useUnsavedChanges(file !== null);
  const confirm = async () => {
    setAsking(false);
    if (!file) return;
    setChanged(null);
    await run(async () => {
      const result = await importLkeWorkbook(ws.id, file);
      setChanged(result.changed.length);
      setFile(null);
      await refresh();
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) setAsking(true);
  };
  return (
    <div className="ws-lke">
      <p className="small">
        <a href={lkeWorkbookUrl(ws.id)} download data-testid="ws-lke-download">
          {t("ws.lke.download")}
        </a>
      </p>
      {ws.abilities.answer && (
        <form onSubmit={submit} aria-labelledby={`${id}-title`}>
          <h3 id={`${id}-title`} className="small">
            {t("ws.lke.import")}
          </h3>
          <div className="field">
            <label htmlFor={`${id}-file`}>{t("ws.lke.chooseFile")}</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="ws-lke-file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <button type="submit" className="button button-small" disabled={busy || !file} data-testid="ws-lke-import">
            {busy ? t("ws.lke.importing") : t("ws.lke.import")}
          </button>
          {changed !== null && <Success testId="ws-lke-done">{changed > 0 ? t("ws.lke.done", { count: changed }) : t("ws.lke.noChanges")}</Success>}
          {problems ? (
            <div className="status-error form-error" role="alert" data-testid="ws-lke-problems">
              <p>{t("ws.lke.problemsTitle")}</p>
              <table className="table small">
                <thead>
                  <tr>
                    <th scope="col">{t("ws.lke.sheet")}</th>
                    <th scope="col">{t("ws.lke.row")}</th>
                    <th scope="col">{t("ws.lke.column")}</th>
                    <th scope="col">{t("ws.lke.problem")}</th>
                  </tr>
                </thead>
                <tbody>
                  {problems.map((p, i) => (
                    <tr key={i}>
                      <td>{p.sheet}</td>
                      <td>{p.row ?? "—"}</td>
                      <td>{p.column ?? "—"}</td>
                      <td>
                        {t(`ws.lke.problems.${p.code}`, { defaultValue: t("ws.lke.problemOther") })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <FormError error={error} testId="ws-lke-error" />
          )}
          <ConfirmDialog
            open={asking}
            title={t("ws.lke.import")}
            confirmLabel={t("ws.lke.import")}
            testId="ws-lke"
            busy={busy}
            onConfirm={() => void confirm()}
            onCancel={() => setAsking(false)}
          >
            <p>{t("ws.lke.confirm", { stage: t(`stages.${ws.stage}`) })}</p>
          </ConfirmDialog>
        </form>
      )}
    </div>
  );
}

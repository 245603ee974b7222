import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { InstrumentNode } from "../../../core";
import { ApiError } from "../../api";
import { FormError } from "../../components/Status";
import {
  fetchEvidenceItems,
  linkEvidenceItem,
  reviewEvidenceItem,
  unlinkEvidenceItem,
  type EvidenceItemChecklist as Checklist,
  type EvidenceItemStatus,
  type EvidenceItemView,
  type EvidenceSummary,
} from "../../evidenceApi";
import { useSubmit } from "../../useSubmit";
import { useWorkspace } from "./context";

const STATUSES: EvidenceItemStatus[] = ["diterima", "revisi", "ditolak"];

/** The status in force of an item as a badge, with the reason when it is rejected automatically. */
function StatusBadge({ item, testId }: { item: EvidenceItemView; testId: string }) {
  const { t } = useTranslation();
  if (item.rejectedBy) {
    return (
      <span className="badge badge-item-ditolak" data-testid={testId} data-status="ditolak" data-auto="true">
        {t("evidenceItems.autoRejected", { level: item.rejectedBy.level, item: item.rejectedBy.itemCode })}
      </span>
    );
  }
  return (
    <span className={`badge badge-item-${item.status ?? "none"}`} data-testid={testId} data-status={item.status ?? "none"}>
      {item.status ? t(`evidenceItems.status.${item.status}`) : t("evidenceItems.status.none")}
    </span>
  );
}

/** The assessor's form for one item: status and note, saved against the version read. */
function ReviewForm({ code, item, onSaved }: { code: string; item: EvidenceItemView; onSaved(c: Checklist): void }) {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  const id = useId();
  const [status, setStatus] = useState<EvidenceItemStatus>(item.review?.status ?? "diterima");
  const [note, setNote] = useState(item.review?.note ?? "");
  const { busy, error, run } = useSubmit();
  const [stale, setStale] = useState(false);
  const testId = `ws-item-${code}-${item.code}`;
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setStale(false);
    await run(async () => {
      try {
        onSaved(await reviewEvidenceItem(ws.id, code, item.code, { status, note: note.trim() || undefined, expectedVersion: item.review?.version ?? 0 }));
      } catch (err) {
        if (err instanceof ApiError && err.code === "review_changed") {
          setStale(true);
          onSaved(await fetchEvidenceItems(ws.id, code));
          return;
        }
        throw err;
      }
    });
  };
  return (
    <form className="ws-item-review" aria-label={t("evidenceItems.reviewFor", { item: item.code })} onSubmit={(e) => void save(e)}>
      <label htmlFor={`${id}-status`}>{t("evidenceItems.decision")}</label>
      <select id={`${id}-status`} value={status} data-testid={`${testId}-status`} onChange={(e) => setStatus(e.target.value as EvidenceItemStatus)}>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`evidenceItems.status.${s}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-note`}>{t("evidenceItems.note")}</label>
      <input id={`${id}-note`} type="text" maxLength={2000} value={note} data-testid={`${testId}-note`} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" className="button button-small" disabled={busy} data-testid={`${testId}-save`}>
        {t("evidenceItems.save")}
      </button>
      {stale && (
        <p className="status-error small" role="alert" data-testid={`${testId}-stale`}>
          {t("evidenceItems.stale")}
        </p>
      )}
      <FormError error={error} />
    </form>
  );
}

/** Links one of the indicator's linked files to an item. */
function LinkForm({ code, item, files, onLinked }: { code: string; item: EvidenceItemView; files: EvidenceSummary[]; onLinked(c: Checklist): void }) {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  const id = useId();
  const choices = files.filter((f) => !item.evidence.some((e) => e.id === f.id));
  const [chosen, setChosen] = useState<string>("");
  const { busy, error, run } = useSubmit();
  if (choices.length === 0) return null;
  const testId = `ws-item-${code}-${item.code}`;
  const link = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    await run(async () => {
      onLinked(await linkEvidenceItem(ws.id, code, item.code, Number(chosen)));
      setChosen("");
    });
  };
  return (
    <form className="ws-item-link" aria-label={t("evidenceItems.linkFor", { item: item.code })} onSubmit={(e) => void link(e)}>
      <label htmlFor={`${id}-file`}>{t("evidenceItems.linkFile")}</label>
      <select id={`${id}-file`} value={chosen} data-testid={`${testId}-file`} onChange={(e) => setChosen(e.target.value)}>
        <option value="">{t("evidenceItems.chooseFile")}</option>
        {choices.map((f) => (
          <option key={f.id} value={f.id}>
            {f.title}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-small button-secondary" disabled={busy || !chosen} data-testid={`${testId}-link`}>
        {t("evidenceItems.link")}
      </button>
      <FormError error={error} />
    </form>
  );
}

/**
 * The numbered evidence items of an indicator per level (Pemdi `L2-01`, with the national portal
 * code): the files linked to each, the assessor's decision and note, and items rejected
 * automatically because a lower level was rejected (levels are cumulative). Loaded when opened.
 */
export function EvidenceItemChecklist({ indicator, files }: { indicator: InstrumentNode; files: EvidenceSummary[] }) {
  const { t } = useTranslation();
  const { ws } = useWorkspace();
  const { code } = indicator;
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<Checklist | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setList(await fetchEvidenceItems(ws.id, code, signal));
        setError(null);
      } catch (e) {
        if (!signal?.aborted) setError(e);
      }
    },
    [ws.id, code],
  );
  useEffect(() => {
    if (!open) return;
    const ctrl = new AbortController();
    void load(ctrl.signal);
    return () => ctrl.abort();
  }, [open, load, files.length, ws.stage]);
  const unlink = async (item: EvidenceItemView, evidenceId: number) => {
    try {
      await unlinkEvidenceItem(ws.id, code, item.code, evidenceId);
      await load();
    } catch (e) {
      setError(e);
    }
  };
  const levels = [...new Set((list?.items ?? []).map((i) => i.level))];
  return (
    <details className="ws-evidence-items" data-testid={`ws-items-${code}`} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary data-testid={`ws-items-open-${code}`}>{t("evidenceItems.heading")}</summary>
      <FormError error={error} testId={`ws-items-error-${code}`} />
      {list &&
        levels.map((level) => (
          <section key={level} aria-label={t("evidenceItems.level", { level })} data-testid={`ws-items-${code}-level-${level}`}>
            <h5>{t("evidenceItems.level", { level })}</h5>
            <ul className="ws-item-list">
              {list.items
                .filter((i) => i.level === level)
                .map((item) => {
                  const testId = `ws-item-${code}-${item.code}`;
                  return (
                    <li key={item.code} data-testid={testId}>
                      <p>
                        <strong className="code">{item.code}</strong>{" "}
                        {item.portalCode && (
                          <span className="badge" title={t("evidenceItems.portalCode")} data-testid={`${testId}-portal`}>
                            {item.portalCode}
                          </span>
                        )}{" "}
                        {item.text} <StatusBadge item={item} testId={`${testId}-badge`} />
                      </p>
                      {item.review?.note && (
                        <p className="small" data-testid={`${testId}-note-text`}>
                          {t("evidenceItems.noteBy", { name: item.review.reviewedBy ?? t("evidenceItems.unknownReviewer"), note: item.review.note })}
                        </p>
                      )}
                      {item.evidence.length > 0 ? (
                        <ul className="small">
                          {item.evidence.map((e) => (
                            <li key={e.id} data-testid={`${testId}-file-${e.id}`}>
                              {e.title}{" "}
                              {list.abilities.link && e.linkedInStage === ws.stage && (
                                <button type="button" className="button button-small button-secondary" data-testid={`${testId}-unlink-${e.id}`} onClick={() => void unlink(item, e.id)}>
                                  {t("evidence.ws.unlink")}
                                  <span className="visually-hidden">: {e.title}</span>
                                </button>
                              )}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <p className="small muted">{t("evidenceItems.noFile")}</p>
                      )}
                      {list.abilities.link && <LinkForm code={code} item={item} files={files} onLinked={setList} />}
                      {list.abilities.review && <ReviewForm key={item.review?.version ?? 0} code={code} item={item} onSaved={setList} />}
                    </li>
                  );
                })}
            </ul>
          </section>
        ))}
    </details>
  );
}

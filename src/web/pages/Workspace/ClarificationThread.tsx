import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { fetchClarificationThread, postClarification, setClarificationStatus, type ClarificationThread as Thread } from "../../clarificationApi";
import { ErrorMessage, FormError, Loading } from "../../components/Status";
import { evidenceFileUrl, fetchEvidenceList, type EvidenceSummary } from "../../evidenceApi";
import { formatDateTime } from "../../format";
import { useLang } from "../../i18n";
import { useSubmit } from "../../useSubmit";
import { useClarifications } from "./clarificationContext";
import { useWorkspace } from "./context";
import { useUnsavedChanges } from "../../useUnsavedChanges";

/** The marker in the indicator row: an open thread waits for an answer. */
export function ClarificationMarker({ code }: { code: string }) {
  const { t } = useTranslation();
  const summary = useClarifications().threads.get(code);
  if (summary?.status !== "open") return null;
  return (
    <span className="badge badge-clarification" data-testid={`ws-clar-open-${code}`}>
      {t("collab.clar.openMarker")}
    </span>
  );
}

/**
 * The documents a message may point to: the agency's library (its own people read it), or else the
 * evidence already linked to the indicator (what an evaluator sees of it).
 */
function useEvidenceChoices(code: string): EvidenceSummary[] {
  const { ws } = useWorkspace();
  const linked = ws.indicators.find((i) => i.code === code)?.evidence;
  const [library, setLibrary] = useState<EvidenceSummary[] | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    fetchEvidenceList(ws.agency.code, { limit: 200 }, ctrl.signal).then(
      (l) => setLibrary(l.evidence),
      () => setLibrary(null),
    );
    return () => ctrl.abort();
  }, [ws.agency.code]);
  return library ?? linked ?? [];
}

/** Ask or answer: the message and an optional document of the agency's evidence library. */
function MessageForm({ code, onPosted }: { code: string; onPosted(thread: Thread): void }) {
  const { t } = useTranslation();
  const id = useId();
  const { ws } = useWorkspace();
  const choices = useEvidenceChoices(code);
  const [body, setBody] = useState("");
  const [evidenceId, setEvidenceId] = useState("");
  useUnsavedChanges(body.trim() !== "");
  const { busy, error, setError, run } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) {
      setError(t("collab.clar.bodyRequired"));
      return;
    }
    await run(async () => {
      onPosted(await postClarification(ws.id, code, { body: body.trim(), evidenceId: evidenceId ? Number(evidenceId) : null }));
      setBody("");
      setEvidenceId("");
    });
  };
  return (
    <form className="clar-form" onSubmit={(e) => void submit(e)} aria-label={t("collab.clar.formLabel", { code })}>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t("collab.clar.message")}</label>
        <textarea id={`${id}-body`} rows={3} maxLength={5000} required value={body} data-testid={`ws-clar-body-${code}`} onChange={(e) => setBody(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-evidence`}>{t("collab.clar.evidence")}</label>
        <select id={`${id}-evidence`} value={evidenceId} data-testid={`ws-clar-evidence-${code}`} onChange={(e) => setEvidenceId(e.target.value)}>
          <option value="">{t("collab.clar.noEvidence")}</option>
          {choices.map((ev) => (
            <option key={ev.id} value={ev.id}>
              {ev.title}
            </option>
          ))}
        </select>
      </div>
      <FormError error={error} testId={`ws-clar-error-${code}`} />
      <div>
        <button type="submit" className="button button-small" disabled={busy} data-testid={`ws-clar-send-${code}`}>
          {t("collab.clar.send")}
        </button>
      </div>
    </form>
  );
}

/** The messages of a thread, oldest first, with side, author and Indonesian date-time. */
function Messages({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { ws } = useWorkspace();
  if (thread.messages.length === 0) return <p className="small muted">{t("collab.clar.empty")}</p>;
  return (
    <ol className="clar-messages" data-testid={`ws-clar-messages-${thread.indicatorCode}`}>
      {thread.messages.map((m) => (
        <li key={m.id} className={`clar-message clar-${m.side}`} data-testid={`ws-clar-message-${m.id}`}>
          <p className="clar-meta small">
            <span className={`badge badge-side-${m.side}`}>{t(`collab.clar.side.${m.side}`)}</span> <strong>{m.authorName ?? t("collab.unknownAuthor")}</strong> ·{" "}
            <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, lang)}</time>
          </p>
          <p className="clar-body">{m.body}</p>
          {m.evidence && (
            <p className="small">
              {t("collab.clar.evidenceRef")}:{" "}
              <a href={evidenceFileUrl(ws.agency.code, m.evidence.id)} download data-testid={`ws-clar-evidence-link-${m.id}`}>
                {m.evidence.title}
              </a>
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** One indicator's thread: messages, status, and for participants the form and resolve / reopen. */
function ThreadBody({ code, focusOnLoad }: { code: string; focusOnLoad: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { ws } = useWorkspace();
  const { reload } = useClarifications();
  const [thread, setThread] = useState<Thread | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { busy, error: actionError, run } = useSubmit();
  const box = useRef<HTMLElement>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setThread(await fetchClarificationThread(ws.id, code));
    } catch (e) {
      setError(e);
    }
  }, [ws.id, code]);
  useEffect(() => {
    void load();
  }, [load]);
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (focusOnLoad && thread && box.current && !focusedOnce.current) {
      focusedOnce.current = true;
      box.current.scrollIntoView({ block: "start" });
      box.current.focus();
    }
  }, [focusOnLoad, thread]);
  const changed = (next: Thread) => {
    setThread(next);
    void reload();
  };
  const setStatus = async (status: "open" | "resolved") => {
    await run(async () => {
      changed(await setClarificationStatus(ws.id, code, status));
    });
  };
  if (error) return <ErrorMessage error={error} retry={() => void load()} />;
  if (!thread) return <Loading label={t("collab.clar.loading")} />;
  const participant = thread.side !== null;
  return (
    <section ref={box} tabIndex={-1} className="clar-thread" data-testid={`ws-clar-thread-${code}`} aria-label={t("collab.clar.threadLabel", { code })}>
      {thread.status && (
        <p className="small" data-testid={`ws-clar-status-${code}`}>
          {thread.status === "open"
            ? t("collab.clar.statusOpen")
            : t("collab.clar.statusResolved", { who: thread.resolvedBy ?? t("collab.unknownAuthor"), at: thread.resolvedAt ? formatDateTime(thread.resolvedAt, lang) : "" })}
        </p>
      )}
      <Messages thread={thread} />
      {participant ? (
        <>
          {thread.status && (
            <div className="button-row">
              {thread.status === "open" ? (
                <button type="button" className="button button-small button-secondary" disabled={busy} data-testid={`ws-clar-resolve-${code}`} onClick={() => void setStatus("resolved")}>
                  {t("collab.clar.resolve")}
                </button>
              ) : (
                <button type="button" className="button button-small button-secondary" disabled={busy} data-testid={`ws-clar-reopen-${code}`} onClick={() => void setStatus("open")}>
                  {t("collab.clar.reopen")}
                </button>
              )}
            </div>
          )}
          <FormError error={actionError} />
          <MessageForm code={code} onPosted={changed} />
        </>
      ) : (
        <p className="small muted" data-testid={`ws-clar-readonly-${code}`}>
          {t("collab.clar.readOnly")}
        </p>
      )}
    </section>
  );
}

/**
 * The clarification panel of one indicator, folded until asked for; the indicator named in
 * `?klarifikasi=` opens with the focus on its thread.
 */
export function ClarificationPanel({ code }: { code: string }) {
  const { t } = useTranslation();
  const { threads, focus } = useClarifications();
  const focused = focus === code;
  const [open, setOpen] = useState(focused);
  const summary = threads.get(code);
  useEffect(() => {
    if (focused) setOpen(true);
  }, [focused]);
  return (
    <details className="clar-panel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={`ws-clar-${code}`}>
      <summary data-testid={`ws-clar-toggle-${code}`}>
        {t("collab.clar.title")}
        {summary && <span className="small muted"> ({t("collab.clar.count", { count: summary.messages })})</span>}
      </summary>
      {/* Following a notification link again reads the thread again (keyed by the focus). */}
      {open && <ThreadBody key={String(focused)} code={code} focusOnLoad={focused} />}
    </details>
  );
}

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { fetchClarifications, type ClarificationSummary } from "../../clarificationApi";

export interface ClarificationsValue {
  /** Thread status and message count per indicator code (only indicators somebody wrote on). */
  threads: Map<string, ClarificationSummary>;
  /** The indicator named by `?klarifikasi=<code>` (a notification link): its thread opens and takes the focus. */
  focus: string | null;
  /** Reads the list again (after a message, a resolve or a reopen). */
  reload(): Promise<void>;
}

export const ClarificationsContext = createContext<ClarificationsValue>({ threads: new Map(), focus: null, reload: async () => undefined });

/** The clarification threads of the workspace, for the markers in the indicator list. */
export function useClarificationList(assessmentId: number, focus: string | null): ClarificationsValue {
  const [threads, setThreads] = useState<Map<string, ClarificationSummary>>(new Map());
  const reload = useCallback(async () => {
    try {
      const list = await fetchClarifications(assessmentId);
      setThreads(new Map(list.threads.map((x) => [x.indicatorCode, x])));
    } catch {
      // The markers are a convenience; the threads themselves show their own errors.
    }
  }, [assessmentId]);
  // Read again when a notification link names another indicator: its thread has news.
  useEffect(() => {
    void reload();
  }, [reload, focus]);
  return useMemo(() => ({ threads, focus, reload }), [threads, focus, reload]);
}

/** The workspace's clarification list and the focused indicator. */
export function useClarifications(): ClarificationsValue {
  return useContext(ClarificationsContext);
}

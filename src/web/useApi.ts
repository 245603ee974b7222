import { useCallback, useEffect, useRef, useState } from "react";

export type ApiState<T> = { status: "loading" } | { status: "error"; error: unknown } | { status: "ok"; data: T };

/**
 * Runs `load` whenever `key` changes (aborting the previous request) and tracks loading, error and
 * data. `retry` runs it again from the loading state; `reload` runs it again but keeps showing the
 * current data until the new answer arrives (after a change on the page). The latest `load` is
 * used, but only `key` triggers a new request.
 */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>): ApiState<T> & { retry: () => void; reload: () => void } {
  const [state, setState] = useState<ApiState<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const silent = useRef(false);
  useEffect(() => {
    const ctrl = new AbortController();
    if (!silent.current) setState({ status: "loading" });
    silent.current = false;
    loadRef.current(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ status: "ok", data });
      },
      (error: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: "error", error });
      },
    );
    return () => ctrl.abort();
  }, [key, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const reload = useCallback(() => {
    silent.current = true;
    setAttempt((n) => n + 1);
  }, []);
  return { ...state, retry, reload };
}

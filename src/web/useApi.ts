import { useCallback, useEffect, useRef, useState } from "react";

export type ApiState<T> = { status: "loading" } | { status: "error"; error: unknown } | { status: "ok"; data: T };

/**
 * Runs `load` whenever `key` changes (aborting the previous request) and tracks loading, error and
 * data. `retry` runs it again. The latest `load` is used, but only `key` triggers a new request.
 */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>): ApiState<T> & { retry: () => void } {
  const [state, setState] = useState<ApiState<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const ctrl = new AbortController();
    setState({ status: "loading" });
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
  return { ...state, retry };
}

import { useCallback, useState } from "react";

/**
 * The busy flag and error of a form that sends one request at a time: `run(work)` clears the error,
 * marks the form busy, runs `work`, keeps what it threw as the error, and answers whether it
 * succeeded. `setError` shows a check that failed before anything was sent.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (work: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

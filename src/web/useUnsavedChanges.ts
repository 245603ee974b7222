import { useEffect, useRef } from "react";

/** One form that may hold typed text: whether it does now, and how to save it without asking (autosave). */
interface Source {
  dirty(): boolean;
  flush?: () => Promise<boolean>;
}

const sources = new Set<Source>();

/** Whether any mounted form holds text that is not saved. */
export function anyUnsaved(): boolean {
  for (const s of sources) if (s.dirty()) return true;
  return false;
}

/**
 * Saves every unsaved form that can save itself (the workspace answers). True when nothing unsaved
 * is left afterwards: each flush succeeded and no form without a flush holds text.
 */
export async function flushUnsaved(): Promise<boolean> {
  const pending = [...sources].filter((s) => s.dirty());
  if (pending.some((s) => !s.flush)) {
    // Still save what can be saved; the reader is asked about the rest.
    await Promise.all(pending.map((s) => s.flush?.().catch(() => false)));
    return false;
  }
  const results = await Promise.all(pending.map((s) => s.flush!().catch(() => false)));
  return results.every(Boolean);
}

/**
 * Declares that this form holds unsaved text while `dirty` is true. The one navigation guard in the
 * page frame (`NavigationGuard`) then saves it first (when `flush` is given) or asks before leaving,
 * and a reload or closing the tab asks the browser's own question. One registry, so any number of
 * forms share react-router's single blocker.
 */
export function useUnsavedChanges(dirty: boolean, flush?: () => Promise<boolean>): void {
  const latest = useRef({ dirty, flush });
  latest.current = { dirty, flush };
  const canFlush = flush !== undefined;
  useEffect(() => {
    const source: Source = {
      dirty: () => latest.current.dirty,
      flush: canFlush ? () => (latest.current.flush ? latest.current.flush() : Promise.resolve(false)) : undefined,
    };
    sources.add(source);
    return () => {
      sources.delete(source);
    };
    // Whether a flush exists is fixed per form; the latest values are read through the ref.
  }, [canFlush]);
}

import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router";
import { anyUnsaved, flushUnsaved } from "../useUnsavedChanges";
import { ConfirmDialog } from "./ConfirmDialog";

/**
 * The one guard of the page frame for forms registered with `useUnsavedChanges`: a move to another
 * page first saves what saves itself (workspace answers); only text that could not be saved makes
 * it ask "leave without saving?". A reload or closing the tab gets the browser's own question.
 */
export function NavigationGuard() {
  const { t } = useTranslation();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && anyUnsaved());
  const [asking, setAsking] = useState(false);
  const latest = useRef(blocker);
  latest.current = blocker;
  const blocked = blocker.state === "blocked";

  useEffect(() => {
    if (!blocked) return;
    let live = true;
    void flushUnsaved().then((clean) => {
      if (!live) return;
      // Trust the flush's answer: the forms' own state re-renders a moment later.
      if (clean) latest.current.proceed?.();
      else setAsking(true);
    });
    return () => {
      live = false;
    };
  }, [blocked]);

  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!anyUnsaved()) return;
      // Start saving what can be saved; the browser asks whether to leave meanwhile.
      void flushUnsaved();
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, []);

  return (
    <ConfirmDialog
      open={asking && blocked}
      title={t("flow.guard.title")}
      confirmLabel={t("flow.guard.leave")}
      cancelLabel={t("flow.guard.stay")}
      danger
      testId="unsaved"
      onConfirm={() => {
        setAsking(false);
        blocker.proceed?.();
      }}
      onCancel={() => {
        setAsking(false);
        blocker.reset?.();
      }}
    >
      <p>{t("flow.guard.text")}</p>
    </ConfirmDialog>
  );
}

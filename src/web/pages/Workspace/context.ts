import { createContext, useContext } from "react";
import type { Workspace } from "../../assessmentApi";

export interface WorkspaceContextValue {
  ws: Workspace;
  /** Reads the assessment again from the server (after a save or a stage change). */
  refresh(): Promise<void>;
  /**
   * Shows a success message above the workspace that stays until dismissed or the reader leaves the
   * page (after a submission or a stage close the form that was used is gone).
   */
  announce(text: string, testId: string): void;
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

/** The assessment being worked on, for the editors below the page. */
export function useWorkspace(): WorkspaceContextValue {
  const v = useContext(WorkspaceContext);
  if (!v) throw new Error("useWorkspace outside WorkspaceContext");
  return v;
}

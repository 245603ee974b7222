import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { citizenSignOut, fetchCitizenMe, setCitizenCsrfToken, type CitizenMe } from "./citizenApi";

/** Whether a citizen is signed in (apart from staff sessions); `unknown` until the first answer. */
export type CitizenState = { status: "unknown" } | { status: "signedOut" } | { status: "signedIn"; me: CitizenMe };

export interface CitizenSession {
  state: CitizenState;
  me: CitizenMe | null;
  refresh(): Promise<void>;
  signedIn(me: CitizenMe): void;
  signOut(): Promise<void>;
}

const CitizenContext = createContext<CitizenSession | null>(null);

/** Keeps the signed-in citizen for the whole app, like SessionProvider does for staff. */
export function CitizenProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<CitizenState>({ status: "unknown" });
  const signedIn = useCallback((me: CitizenMe) => {
    setCitizenCsrfToken(me.csrfToken);
    setState({ status: "signedIn", me });
  }, []);
  const refresh = useCallback(async () => {
    try {
      const me = await fetchCitizenMe();
      if (me) signedIn(me);
      else {
        setCitizenCsrfToken(null);
        setState({ status: "signedOut" });
      }
    } catch {
      setState((s) => (s.status === "unknown" ? { status: "signedOut" } : s));
    }
  }, [signedIn]);
  const signOut = useCallback(async () => {
    try {
      await citizenSignOut();
    } finally {
      setCitizenCsrfToken(null);
      setState({ status: "signedOut" });
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const value = useMemo<CitizenSession>(() => ({ state, me: state.status === "signedIn" ? state.me : null, refresh, signedIn, signOut }), [state, refresh, signedIn, signOut]);
  return <CitizenContext.Provider value={value}>{children}</CitizenContext.Provider>;
}

export function useCitizen(): CitizenSession {
  const c = useContext(CitizenContext);
  if (!c) throw new Error("useCitizen outside CitizenProvider");
  return c;
}

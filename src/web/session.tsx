import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { fetchMe, logout, updateProfile, type Me } from "./accountsApi";
import { onUnauthenticated, setCsrfToken } from "./api";
import { isLang } from "./format";
import i18n, { clearPendingLanguage, pendingLanguage, setLanguage } from "./i18n";

/** Whether someone is signed in; `unknown` until the first `GET /api/session` has answered. */
export type SessionState = { status: "unknown" } | { status: "signedOut" } | { status: "signedIn"; me: Me };

export interface Session {
  state: SessionState;
  /** The signed-in user, or null. */
  me: Me | null;
  /** Asks the server again who is signed in. */
  refresh(): Promise<void>;
  /** Takes a Me from an answer that carries one (sign-in, password change). */
  signedIn(me: Me): void;
  /** Forgets the session locally (after the server ended it). */
  signedOut(): void;
  /** Ends this session on the server, then forgets it. */
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** Keeps the signed-in user for the whole app; reads it once at start. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "unknown" });

  const signedIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    // The language saved in the profile follows the user to every browser they sign in from.
    // A choice made here whose save had not landed yet (the page reloaded first) wins, and is saved now.
    const pending = pendingLanguage();
    if (pending && pending !== me.user.language) {
      if (pending !== i18n.language) setLanguage(pending);
      updateProfile({ language: pending }).then(clearPendingLanguage, () => undefined);
    } else {
      if (pending) clearPendingLanguage();
      if (isLang(me.user.language) && me.user.language !== i18n.language) setLanguage(me.user.language);
    }
    setState({ status: "signedIn", me });
  }, []);
  const signedOut = useCallback(() => {
    setCsrfToken(null);
    clearPendingLanguage(); // a choice nobody saved must not follow the next person to sign in here
    setState({ status: "signedOut" });
  }, []);
  const refresh = useCallback(async () => {
    try {
      const me = await fetchMe();
      if (me) signedIn(me);
      else signedOut();
    } catch {
      // Server unreachable: keep what we know; the pages show their own errors.
      setState((s) => (s.status === "unknown" ? { status: "signedOut" } : s));
    }
  }, [signedIn, signedOut]);
  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      signedOut();
    }
  }, [signedOut]);

  useEffect(() => {
    void refresh();
    onUnauthenticated(signedOut);
    return () => onUnauthenticated(null);
  }, [refresh, signedOut]);

  const value = useMemo<Session>(
    () => ({ state, me: state.status === "signedIn" ? state.me : null, refresh, signedIn, signedOut, signOut }),
    [state, refresh, signedIn, signedOut, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside SessionProvider");
  return session;
}

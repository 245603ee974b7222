import { useTranslation } from "react-i18next";
import { updateProfile } from "../accountsApi";
import { clearPendingLanguage, markLanguagePending, setLanguage, useLang } from "../i18n";
import { useSession } from "../session";

/** One button that switches to the other language; it is labelled in the language it switches to. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const target = useLang() === "id" ? "en" : "id";
  const { me, signedIn } = useSession();
  const switchTo = () => {
    setLanguage(target);
    // Signed in, the choice is also saved in the profile so it follows the user to other devices.
    // Until that save has landed the choice is marked pending, so a reload in between keeps it.
    if (me) {
      markLanguagePending(target);
      updateProfile({ language: target }).then((saved) => {
        clearPendingLanguage();
        signedIn(saved);
      }, () => undefined);
    }
  };
  return (
    <button type="button" className="lang-switch" lang={target} onClick={switchTo}>
      <svg className="lang-switch-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="1.8" />
        <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" fill="none" stroke="currentColor" strokeWidth="1.8" />
      </svg>
      {t("language.switchTo")}
    </button>
  );
}

import { useTranslation } from "react-i18next";
import type { OneTimeLink } from "../../adminApi";
import { OneTimeSecret } from "../../components/OneTimeSecret";
import { Success } from "../../components/Status";
import { formatDateTime } from "../../format";
import { useLang } from "../../i18n";

/** An invitation or reset link just made: shown once with a copy button, or "sent by e-mail". */
export function LinkResult({ link, purpose, email, testId }: { link: OneTimeLink; purpose: "invitation" | "reset"; email: string; testId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const expires = formatDateTime(link.expiresAt, lang);
  if (link.delivery === "email" || !link.path) {
    return <Success testId={`${testId}-emailed`}>{t(purpose === "invitation" ? "users.invitationEmailed" : "users.resetEmailed", { email, expires })}</Success>;
  }
  return (
    <OneTimeSecret
      label={t(purpose === "invitation" ? "users.invitationLink" : "users.resetLink", { email })}
      value={`${window.location.origin}${link.path}`}
      warning={t("users.linkWarning", { expires })}
      testId={testId}
    />
  );
}

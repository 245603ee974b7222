import { useId } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  autoComplete: "current-password" | "new-password";
  /** Show the password rule under the field (for new passwords). */
  withRule?: boolean;
  invalid?: boolean;
  errorId?: string;
  testId?: string;
}

/** A password input with its label and, for new passwords, the policy as help text. */
export function PasswordField({ label, value, onChange, autoComplete, withRule, invalid, errorId, testId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const describedBy = [withRule ? `${id}-rule` : "", invalid && errorId ? errorId : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        value={value}
        required
        autoComplete={autoComplete}
        minLength={withRule ? 10 : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
      {withRule && (
        <p className="hint" id={`${id}-rule`}>
          {t("password.rule")}
        </p>
      )}
    </div>
  );
}

import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  /** Heading-like label of the value, e.g. "Tautan undangan". */
  label: string;
  value: string;
  /** Why it is shown only now. */
  warning: string;
  testId?: string;
}

/** A secret shown once (token, invitation link): read-only field, copy button, warning. Takes focus when it appears. */
export function OneTimeSecret({ label, value, warning, testId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [value]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      input.current?.select();
      setCopied("no");
    }
  };

  return (
    <div className="one-time card">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <div className="copy-row">
          <input ref={input} id={id} type="text" readOnly value={value} aria-describedby={`${id}-warning`} data-testid={testId} onFocus={(e) => e.target.select()} />
          <button type="button" className="button button-secondary" onClick={() => void copy()}>
            {t("common.copy")}
          </button>
        </div>
      </div>
      <p className="note note-warning" id={`${id}-warning`}>
        {warning}
      </p>
      <p className="small muted" role="status">
        {copied === "yes" ? t("common.copied") : copied === "no" ? t("common.copyFailed") : ""}
      </p>
    </div>
  );
}

import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { fetchAgency, searchAgencies, type Agency } from "../adminApi";

/** Text that is an agency code (15, 15.71, KL.K01) rather than part of a name. */
export const looksLikeAgencyCode = (text: string) => /^[A-Za-z0-9.]{2,12}$/.test(text) && /\d/.test(text);

interface Props {
  label: string;
  hint: string;
  value: string;
  onChange(value: string): void;
  testId?: string;
  required?: boolean;
}

/**
 * An agency by code: the reader types the code, or part of the name and picks from the suggestions
 * (a datalist whose values are codes). The name of the agency the code stands for is shown below.
 */
export function AgencyPicker({ label, hint, value, onChange, testId, required }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [options, setOptions] = useState<Agency[]>([]);
  /** What the code typed stands for, with the text it was looked up for (so a stale answer is never shown). */
  const [match, setMatch] = useState<{ text: string; agency: Agency | null } | null>(null);
  const text = value.trim();
  const shown = match && match.text === text ? match : null;

  useEffect(() => {
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      if (looksLikeAgencyCode(text)) {
        fetchAgency(text.toUpperCase(), ctrl.signal).then(
          (agency) => setMatch({ text, agency }),
          () => !ctrl.signal.aborted && setMatch({ text, agency: null }),
        );
      } else if (text.length >= 2) {
        searchAgencies(text, ctrl.signal).then(
          (list) => setOptions(list.slice(0, 30)),
          () => undefined,
        );
      }
    }, 250);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text]);

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        list={`${id}-list`}
        value={value}
        required={required}
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${id}-hint ${id}-match`}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={`${id}-list`}>
        {options.map((a) => (
          <option key={a.code} value={a.code} label={a.name} />
        ))}
      </datalist>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <p className="hint agency-match" id={`${id}-match`} aria-live="polite">
        {shown && (shown.agency ? `${shown.agency.code} · ${shown.agency.name}` : t("agency.unknown"))}
      </p>
    </div>
  );
}

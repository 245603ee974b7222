import { useTranslation } from "react-i18next";
import type { InstrumentStatus } from "../../core";
import { predicateColour } from "../predicateColours";

/** A predicate (official Indonesian name) as a small badge in its predicate colour; the name itself carries the meaning. */
export function PredicateBadge({ name, testId }: { name: string; testId?: string }) {
  const colour = predicateColour(name);
  return (
    <span className={`badge badge-predicate${colour ? "" : " badge-neutral"}`} style={colour && { background: colour.fill, borderColor: colour.fill, color: colour.text }} data-testid={testId}>
      {name}
    </span>
  );
}

/** "Resmi" badge of an instrument the ministry published; nothing for a province's own instrument. */
export function InstrumentStatusBadge({ status }: { status: InstrumentStatus | null | undefined }) {
  const { t } = useTranslation();
  return status ? <span className={`badge badge-status badge-${status}`}>{t(`status.${status}`)}</span> : null;
}

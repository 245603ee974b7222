import { useTranslation } from "react-i18next";
import type { InstrumentStatus } from "../../core";

/** CSS modifier for the official predicate names; unknown names get a neutral badge. */
const PREDICATE_TONES: Record<string, string> = {
  Memuaskan: "memuaskan",
  "Sangat Baik": "sangat-baik",
  Baik: "baik",
  Cukup: "cukup",
  Kurang: "kurang",
};

/** A predicate (official Indonesian name) as a small coloured badge; the name itself carries the meaning. */
export function PredicateBadge({ name, testId }: { name: string; testId?: string }) {
  const tone = PREDICATE_TONES[name] ?? "neutral";
  return (
    <span className={`badge badge-predicate badge-${tone}`} data-testid={testId}>
      {name}
    </span>
  );
}

/** "Resmi" / "Sementara" badge of an instrument. */
export function InstrumentStatusBadge({ status }: { status: InstrumentStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge-status badge-${status}`}>{t(`status.${status}`)}</span>;
}

import type { ReactNode } from "react";

/** One figure of a dashboard's summary: a label, the value and an optional note. */
export interface Stat {
  label: string;
  value: ReactNode;
  note?: ReactNode;
  testId?: string;
}

/** The summary cards at the top of a dashboard, as a description list (label → value). */
export function StatCards({ stats, label }: { stats: Stat[]; label: string }) {
  return (
    <dl className="stat-cards" aria-label={label}>
      {stats.map((s) => (
        <div className="stat-card" key={s.label}>
          <dt>{s.label}</dt>
          <dd className="stat-value" data-testid={s.testId}>
            {s.value}
          </dd>
          {s.note !== undefined && <dd className="stat-note">{s.note}</dd>}
        </div>
      ))}
    </dl>
  );
}

/** Agency names without the "Pemerintah " prefix, for chart axes. */
export const shortName = (name: string) => name.replace(/^Pemerintah\s+/, "").replace(/^Kabupaten\s+/, "Kab. ");

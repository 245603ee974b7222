/** A labelled choice of one unit (OPD) of the agency, or none. */
export function UnitSelect({ id, label, value, onChange, units, emptyLabel, testId }: { id: string; label: string; value: string; onChange(value: string): void; units: { id: number; name: string }[]; emptyLabel: string; testId?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{emptyLabel}</option>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** What the workspace knows about one indicator's self-assessment answer. */
export interface AnswerStatus {
  code: string;
  unit: string | null;
  filled: boolean;
  verified: boolean;
  evidenceCount: number;
}

export interface ProgressCounts {
  total: number;
  filled: number;
  verified: number;
  withEvidence: number;
}

function count(items: AnswerStatus[]): ProgressCounts {
  return {
    total: items.length,
    filled: items.filter((i) => i.filled).length,
    verified: items.filter((i) => i.verified).length,
    withEvidence: items.filter((i) => i.evidenceCount > 0).length,
  };
}

/** Progress overall and per assigned unit (unassigned indicators under the key ""). */
export function progressOf(items: AnswerStatus[]): { overall: ProgressCounts; byUnit: Record<string, ProgressCounts> } {
  const groups = new Map<string, AnswerStatus[]>();
  for (const i of items) groups.set(i.unit ?? "", [...(groups.get(i.unit ?? "") ?? []), i]);
  return { overall: count(items), byUnit: Object.fromEntries([...groups].map(([k, v]) => [k, count(v)])) };
}

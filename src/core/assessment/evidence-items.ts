import type { EvidenceItem, InstrumentNode } from "../instruments/types";

/** What an assessor decides about one evidence item: accepted, to be revised, or rejected. */
export const EVIDENCE_ITEM_STATUSES = ["diterima", "revisi", "ditolak"] as const;
export type EvidenceItemStatus = (typeof EVIDENCE_ITEM_STATUSES)[number];

/** An evidence item of an indicator with the level it belongs to. */
export interface LeveledEvidenceItem extends EvidenceItem {
  level: number;
}

/** The lower-level item whose rejection rejects an item automatically. */
export interface RejectionCause {
  level: number;
  itemCode: string;
}

/** One item's status in force: the assessor's own, or `ditolak` because a lower level was rejected. */
export interface EffectiveEvidenceItem extends LeveledEvidenceItem {
  /** The status the assessor set on this item (null when not yet assessed). */
  assessorStatus: EvidenceItemStatus | null;
  /** The status in force: `ditolak` when `rejectedBy` is set, else the assessor's. */
  status: EvidenceItemStatus | null;
  /** Set when the item is rejected automatically: the lowest rejected item of a lower level. */
  rejectedBy: RejectionCause | null;
}

/** An indicator's evidence items in level order, then in the order the instrument lists them. */
export function evidenceItemsOf(node: Pick<InstrumentNode, "evidenceItems">): LeveledEvidenceItem[] {
  return Object.entries(node.evidenceItems ?? {})
    .map(([level, items]) => ({ level: Number(level), items }))
    .sort((a, b) => a.level - b.level)
    .flatMap(({ level, items }) => items.map((item) => ({ ...item, level })));
}

/** The item of the indicator with this code, or undefined. */
export function findEvidenceItem(node: Pick<InstrumentNode, "evidenceItems">, code: string): LeveledEvidenceItem | undefined {
  return evidenceItemsOf(node).find((item) => item.code === code);
}

/**
 * The status in force of every evidence item of an indicator. Levels are cumulative (a level needs
 * every level below it), so as the national portal does, an item of level l is rejected
 * automatically when the assessor rejected any item of a level below l; the cause named is the
 * rejected item of the lowest such level (the first one the instrument lists). Items at or below
 * that level keep the assessor's own status. Statuses set for codes the indicator does not list are
 * ignored.
 */
export function effectiveEvidenceItems(
  node: Pick<InstrumentNode, "evidenceItems">,
  statuses: Readonly<Record<string, EvidenceItemStatus>>,
): EffectiveEvidenceItem[] {
  const items = evidenceItemsOf(node);
  let cause: RejectionCause | null = null;
  for (const item of items) {
    if (statuses[item.code] === "ditolak") {
      cause = { level: item.level, itemCode: item.code };
      break;
    }
  }
  return items.map((item) => {
    const assessorStatus = statuses[item.code] ?? null;
    const rejectedBy = cause && item.level > cause.level ? cause : null;
    return { ...item, assessorStatus, status: rejectedBy ? "ditolak" : assessorStatus, rejectedBy };
  });
}

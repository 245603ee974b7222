/**
 * The shape of an evaluation instrument (instrumen) as data. Official instruments and the ones a
 * province authors itself share this format; nothing about a particular instrument lives in code.
 * See docs/instrument-format.md.
 */

/** One named level of a maturity scale (e.g. 1 "Rintisan" on the process scale). */
export interface ScaleLevel {
  level: number;
  name: string;
  description?: string;
}

/** A predicate band: an index at or above `min` (and below the next band's min) gets `name`. */
export interface PredicateBand {
  name: string;
  min: number;
}

/** A node of the instrument tree; indicators are the leaves and carry level texts. */
export interface InstrumentNode {
  code: string;
  kind: string;
  name: string;
  /** Percent of the whole index. Children sum exactly to the parent; roots sum to 100. */
  weight: number;
  children?: InstrumentNode[];
  scale?: string;
  question?: string;
  description?: string;
  criteria?: Record<string, string>;
  evidence?: Record<string, string>;
  /**
   * The numbered evidence items per level (key: the level as text), the checklist an assessor marks
   * item by item. `evidence` stays the level's summary in prose.
   */
  evidenceItems?: Record<string, EvidenceItem[]>;
  /** Indicators of other instruments that are this same indicator (used by copy forward). */
  sameAs?: IndicatorRef[];
  /** Overrides the instrument's `valueStep` for this indicator. */
  valueStep?: number;
  /** The value comes from another agency's index (e.g. Indeks SDI, Bappenas): how a score converts. */
  externalScore?: ExternalScore;
}

/** One numbered evidence item of a level: `L2-01`, its national portal code when known, its text. */
export interface EvidenceItem {
  code: string;
  portalCode?: string;
  text: string;
}

/**
 * A source index an indicator's value is converted from: its name, score range and bands. With
 * `linear` a score maps linearly within its band onto [valueFrom, valueTo]; with `level` it gives the
 * band's whole level. Bands are contiguous, ascending, and cover min–max.
 */
export interface ExternalScore {
  source: string;
  min: number;
  max: number;
  conversion: "linear" | "level";
  bands: ExternalScoreBand[];
}

/** Scores from `from` (inclusive) to `to` (exclusive, except the last band) describe `level`. */
export interface ExternalScoreBand {
  from: number;
  to: number;
  level: number;
  valueFrom?: number;
  valueTo?: number;
}

/** An indicator of a named instrument. */
export interface IndicatorRef {
  instrument: string;
  code: string;
}

/** `official`: published by the ministry. Absent for an instrument a province authors itself. */
export type InstrumentStatus = "official";

export interface Instrument {
  id: string;
  name: string;
  legalBasis?: string;
  effectiveFrom?: string;
  status?: InstrumentStatus;
  /** Where the text comes from and how sure it is (shown as a notice on the instrument page). */
  sourceConfidence?: string;
  description?: string;
  levels: { min: number; max: number };
  /**
   * The step of an indicator's value: 1 (the default) for whole levels, 0.01 for values such as
   * 1.26 (Pemdi). At most two decimals and dividing 1, so whole levels stay values.
   */
  valueStep?: number;
  scales: Record<string, ScaleLevel[]>;
  predicates: PredicateBand[];
  tree: InstrumentNode[];
}

/** Whether a node is a leaf (an indicator that receives a level). */
export function isLeaf(node: InstrumentNode): boolean {
  return !node.children || node.children.length === 0;
}

/** All leaves (indicators) of a tree in document order. */
export function indicatorsOf(tree: InstrumentNode[]): InstrumentNode[] {
  const out: InstrumentNode[] = [];
  const walk = (nodes: InstrumentNode[]) => {
    for (const n of nodes) {
      if (isLeaf(n)) out.push(n);
      else walk(n.children!);
    }
  };
  walk(tree);
  return out;
}

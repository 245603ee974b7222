import type { Instrument } from "../instruments/types";
import type { CompiledInstrument, CompiledNode } from "../scoring/compile-instrument";

/** A top-level node of an instrument: one column of its published results (e.g. D1 or A1). */
export interface ResultNode {
  code: string;
  kind: string;
  name: string;
}

/**
 * The columns of a published result of this instrument: its top-level nodes in document order
 * (the four domains of 59/2020, the three of 5/2018, the seven aspects of Pemdi 2026).
 */
export function resultNodesOf(instrument: Pick<Instrument, "tree">): ResultNode[] {
  return instrument.tree.map((n) => ({ code: n.code, kind: n.kind, name: n.name }));
}

/** The node code a results-CSV column names: the part before the first "_", upper case ("d1_kebijakan" → "D1", "a7" → "A7"). */
export function nodeCodeOfColumn(column: string): string {
  return column.split("_")[0]!.toUpperCase();
}

/** What is wrong with one published row's node values against its instrument's top-level nodes. */
export interface NodeValuesMismatch {
  /** Codes given a value that are not top-level nodes of the instrument. */
  unknown: string[];
  /** Top-level nodes without a value (only when some value is given: an index-only row is fine). */
  missing: string[];
}

/**
 * Checks the node codes of a published row against its instrument: either no node value at all
 * (index-only history) or exactly one value for every top-level node. Null when the row fits.
 */
export function nodeValuesMismatch(nodes: readonly ResultNode[], givenCodes: readonly string[]): NodeValuesMismatch | null {
  if (givenCodes.length === 0) return null;
  const expected = new Set(nodes.map((n) => n.code));
  const given = new Set(givenCodes);
  const unknown = givenCodes.filter((c) => !expected.has(c));
  const missing = nodes.map((n) => n.code).filter((c) => !given.has(c));
  return unknown.length || missing.length ? { unknown, missing } : null;
}

/**
 * The union of the result columns of several instruments, in the order the instruments are given
 * (a code shared by two instruments appears once, with the first instrument's name).
 */
export function resultColumnsOf(instruments: readonly { nodes: readonly ResultNode[] }[]): ResultNode[] {
  const seen = new Map<string, ResultNode>();
  for (const i of instruments) for (const n of i.nodes) if (!seen.has(n.code)) seen.set(n.code, n);
  return [...seen.values()];
}

/**
 * The groups directly above the indicators (the aspects): aggregate nodes with no aggregate node
 * below them. Depth 1 in the 59/2020 and 5/2018 trees (domain → aspect → indicator), depth 0 in
 * Pemdi 2026 (aspect → indicator).
 */
export function indicatorGroupsOf(compiled: Pick<CompiledInstrument, "nodes">): CompiledNode[] {
  return compiled.nodes.filter((n) => !compiled.nodes.some((m) => m.depth > n.depth && m.leafStart >= n.leafStart && m.leafEnd <= n.leafEnd));
}

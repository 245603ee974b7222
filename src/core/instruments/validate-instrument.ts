import type { z } from "zod";
import { externalScoreProblems } from "../scoring/external-score";
import { toScaledInt } from "../scoring/fixed-point";
import { InstrumentSchema } from "./instrument-schema";
import { isLeaf, type Instrument, type InstrumentNode } from "./types";

export type ValidationResult =
  | { ok: true; instrument: Instrument; problems: [] }
  | { ok: false; problems: string[] };

/** Renders a zod/our path as `tree[1].children[0].weight`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || "(root)";
}

function shapeProblems(error: z.ZodError): string[] {
  return error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
}

const fmt = (hundredths: number) => (hundredths / 100).toString();

/**
 * Checks an instrument completely and reports every problem with its path, e.g.
 * `tree[1].children[0]: children weights sum to 9.9, expected 10`.
 */
export function validateInstrument(input: unknown): ValidationResult {
  const parsed = InstrumentSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: shapeProblems(parsed.error) };
  const inst = parsed.data as Instrument;
  const problems: string[] = [];
  const { min, max } = inst.levels;
  if (min >= max) problems.push(`levels: min ${min} must be below max ${max}`);

  for (const [name, scale] of Object.entries(inst.scales)) {
    const seen = new Set(scale.map((s) => s.level));
    for (let l = min; l <= max; l++) {
      if (!seen.has(l)) problems.push(`scales.${name}: no entry for level ${l}`);
    }
    scale.forEach((s, i) => {
      if (s.level < min || s.level > max) problems.push(`scales.${name}[${i}]: level ${s.level} is outside ${min}–${max}`);
    });
  }

  inst.predicates.forEach((p, i) => {
    if (toScaledInt(p.min) === null) problems.push(`predicates[${i}].min: use at most two decimals`);
    const prev = inst.predicates[i - 1];
    if (prev && !(p.min < prev.min)) problems.push(`predicates[${i}]: min ${p.min} must be below the previous band's ${prev.min}`);
  });
  const instrumentStep = stepProblems(inst.valueStep, "valueStep", problems) ?? 100;
  const lowest = inst.predicates[inst.predicates.length - 1];
  if (lowest && lowest.min > min) problems.push(`predicates: the lowest band starts at ${lowest.min}, so an index of ${min} has no predicate`);

  const codes = new Map<string, string>();
  const claimed = new Map<string, string>();
  const levelKeys = Array.from({ length: max - min + 1 }, (_, k) => String(min + k));

  const checkNode = (node: InstrumentNode, path: string) => {
    const prior = codes.get(node.code);
    if (prior) problems.push(`${path}.code: "${node.code}" is already used at ${prior}`);
    else codes.set(node.code, path);
    const w = toScaledInt(node.weight);
    if (w === null) problems.push(`${path}.weight: use at most two decimals (got ${node.weight})`);
    if (isLeaf(node)) {
      const step = node.valueStep === undefined ? instrumentStep : stepProblems(node.valueStep, `${path}.valueStep`, problems);
      // Σ value × weight must stay a whole number of ten-thousandths, so the index is exact at four decimals.
      if (step !== null && w !== null && (step * w) % 100 !== 0) {
        problems.push(`${path}.weight: ${node.weight} × value step ${fmt(step)} has more than four decimals; with decimal values use a weight with fewer decimals`);
      }
      if (!node.scale) problems.push(`${path}: indicator "${node.code}" has no scale`);
      else if (!inst.scales[node.scale]) problems.push(`${path}.scale: unknown scale "${node.scale}"`);
      for (const field of ["criteria", "evidence"] as const) {
        const texts = node[field];
        if (!texts) continue;
        const missing = levelKeys.filter((k) => !texts[k]);
        if (missing.length) problems.push(`${path}.${field}: no text for level ${missing.join(", ")}`);
        const extra = Object.keys(texts).filter((k) => !levelKeys.includes(k));
        if (extra.length) problems.push(`${path}.${field}: level ${extra.join(", ")} is outside ${min}–${max}`);
      }
      problems.push(...evidenceItemProblems(node, path, levelKeys));
      problems.push(...sameAsProblems(node, path, inst.id, claimed));
      if (node.externalScore) problems.push(...externalScoreProblems(node.externalScore, `${path}.externalScore`, inst.levels));
      return;
    }
    if (node.externalScore) problems.push(`${path}.externalScore: only an indicator takes its value from another index`);
    if (node.evidenceItems) problems.push(`${path}.evidenceItems: only an indicator lists evidence items`);
    if (node.sameAs) problems.push(`${path}.sameAs: only an indicator can be the same as another instrument's indicator`);
    const children = node.children!;
    const sum = sumHundredths(children);
    if (w !== null && sum !== null && sum !== w) {
      problems.push(`${path}: children weights sum to ${fmt(sum)}, expected ${fmt(w)}`);
    }
    children.forEach((c, i) => checkNode(c, `${path}.children[${i}]`));
  };
  inst.tree.forEach((n, i) => checkNode(n, `tree[${i}]`));
  const rootSum = sumHundredths(inst.tree);
  if (rootSum !== null && rootSum !== 10000) problems.push(`tree: root weights sum to ${fmt(rootSum)}, expected 100`);

  return problems.length ? { ok: false, problems } : { ok: true, instrument: inst, problems: [] };
}

/**
 * A value step in hundredths, or null (with the problem recorded) when it has more than two
 * decimals or does not divide one level (whole levels must stay values).
 */
function stepProblems(step: number | undefined, path: string, problems: string[]): number | null {
  if (step === undefined) return null;
  const h = toScaledInt(step);
  if (h === null || h <= 0) problems.push(`${path}: ${step} has more than two decimals`);
  else if (100 % h !== 0) problems.push(`${path}: ${step} does not divide one level (use e.g. 0.01, 0.05, 0.1, 0.25, 0.5 or 1)`);
  else return h;
  return null;
}

/**
 * Evidence items: levels within the scale, each item's code names its own level (`L2-…` under level
 * 2), and no item code or portal code appears twice in one indicator.
 */
function evidenceItemProblems(node: InstrumentNode, path: string, levelKeys: readonly string[]): string[] {
  const problems: string[] = [];
  const codes = new Map<string, string>();
  const portal = new Map<string, string>();
  for (const [level, items] of Object.entries(node.evidenceItems ?? {})) {
    if (!levelKeys.includes(level)) problems.push(`${path}.evidenceItems.${level}: level ${level} is outside the scale`);
    items.forEach((item, i) => {
      const at = `${path}.evidenceItems.${level}[${i}]`;
      if (!item.code.startsWith(`L${level}-`)) problems.push(`${at}.code: "${item.code}" does not belong to level ${level} (expected L${level}-NN)`);
      const prior = codes.get(item.code);
      if (prior) problems.push(`${at}.code: "${item.code}" is already used at ${prior}`);
      else codes.set(item.code, at);
      if (item.portalCode !== undefined) {
        const priorPortal = portal.get(item.portalCode);
        if (priorPortal) problems.push(`${at}.portalCode: "${item.portalCode}" is already used at ${priorPortal}`);
        else portal.set(item.portalCode, at);
      }
    });
  }
  return problems;
}

/** `sameAs` names other instruments' indicators, each claimed by one indicator of this file at most. */
function sameAsProblems(node: InstrumentNode, path: string, ownId: string, claimed: Map<string, string>): string[] {
  const problems: string[] = [];
  (node.sameAs ?? []).forEach((ref, i) => {
    const key = `${ref.instrument}\u0000${ref.code}`;
    if (ref.instrument === ownId) problems.push(`${path}.sameAs[${i}]: names this instrument itself`);
    else if (claimed.has(key)) problems.push(`${path}.sameAs[${i}]: ${ref.instrument} "${ref.code}" is already claimed at ${claimed.get(key)}`);
    else claimed.set(key, `${path}.sameAs[${i}]`);
  });
  return problems;
}

function sumHundredths(nodes: InstrumentNode[]): number | null {
  let sum = 0;
  for (const n of nodes) {
    const w = toScaledInt(n.weight);
    if (w === null) return null;
    sum += w;
  }
  return sum;
}

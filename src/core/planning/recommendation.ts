import { indicatorsOf, type Instrument, type InstrumentNode } from "../instruments/types";
import { hundredths } from "../scoring/fixed-point";
import type { AspectAnalysis, AssessmentAnalysis } from "./analysis";

type Lang = "id" | "en";

const TEXT = {
  id: {
    summary: "Ringkasan",
    strengths: "Keunggulan",
    weaknesses: "Kelemahan",
    suggestions: "Saran perbaikan",
    appreciation: "Apresiasi dan saran perbaikan",
    overall: (name: string, index: string, predicate: string) => `${name} ${index} dengan predikat ${predicate}.`,
    fulfilment: (f: number, n: number, lo: string) => `${f} dari ${n} indikator terpenuhi (level ${lo} ke atas).`,
    counts: (s: number, w: number, top: string, bottom: string) =>
      `${s} indikator menjadi kekuatan (level ${top}) dan ${w} indikator menjadi kelemahan (level ${bottom}).`,
    highest: (list: string) => `Aspek dengan indeks tertinggi: ${list}.`,
    lowest: (list: string) => `Aspek dengan indeks terendah: ${list}.`,
    aspect: (a: AspectAnalysis, index: string) => `${a.code} ${a.name} (indeks ${index}; pemenuhan ${a.fulfilmentPercent}%)`,
    strongest: (list: string) => `Indikator terkuat: ${list}.`,
    weakest: (list: string) => `Indikator terlemah: ${list}.`,
    indicator: (code: string, name: string, level: string) => `${code} ${name} (level ${level})`,
    impact: (code: string, weight: string, gap: string, perLevel: string, name: string) =>
      `Dampak: aspek ${code} berbobot ${weight}% dari ${name}; jarak ke level tertinggi menahan indeks sebesar ${gap}, dan setiap kenaikan satu level pada seluruh indikatornya menambah indeks ${perLevel}.`,
    appreciated: (predicate: string, goal: string) => `Predikat ${predicate} telah mencapai target minimal ${goal}; pertahankan dan lanjutkan perbaikan berikut.`,
    belowGoal: (goal: string) => `Indeks masih di bawah predikat ${goal}; prioritaskan perbaikan berikut.`,
    noSuggestion: "Seluruh indikator telah mencapai level tertinggi; pertahankan melalui reviu dan evaluasi berkala.",
    suggestionHead: (a: AspectAnalysis, gap: string) => `${a.code} ${a.name} (menahan indeks ${gap})`,
    raise: (code: string, name: string, from: string, to: number, toName: string | null) =>
      `naikkan ${code} ${name} dari level ${from} ke ${to}${toName ? ` (${toName})` : ""}`,
    more: (n: number) => `dan ${n} indikator lainnya`,
  },
  en: {
    summary: "Summary",
    strengths: "Strengths",
    weaknesses: "Weaknesses",
    suggestions: "Suggested improvements",
    appreciation: "Appreciation and suggested improvements",
    overall: (name: string, index: string, predicate: string) => `${name} ${index}, predicate ${predicate}.`,
    fulfilment: (f: number, n: number, lo: string) => `${f} of ${n} indicators are fulfilled (level ${lo} or higher).`,
    counts: (s: number, w: number, top: string, bottom: string) =>
      `${s} indicators are strengths (levels ${top}) and ${w} indicators are weaknesses (levels ${bottom}).`,
    highest: (list: string) => `Aspect(s) with the highest index: ${list}.`,
    lowest: (list: string) => `Aspect(s) with the lowest index: ${list}.`,
    aspect: (a: AspectAnalysis, index: string) => `${a.code} ${a.name} (index ${index}; fulfilment ${a.fulfilmentPercent}%)`,
    strongest: (list: string) => `Strongest indicators: ${list}.`,
    weakest: (list: string) => `Weakest indicators: ${list}.`,
    indicator: (code: string, name: string, level: string) => `${code} ${name} (level ${level})`,
    impact: (code: string, weight: string, gap: string, perLevel: string, name: string) =>
      `Impact: aspect ${code} weighs ${weight}% of ${name}; its distance to the top level holds the index back by ${gap}, and one level more on all its indicators adds ${perLevel} to the index.`,
    appreciated: (predicate: string, goal: string) => `The predicate ${predicate} meets the minimum target of ${goal}; keep it and continue with the improvements below.`,
    belowGoal: (goal: string) => `The index is still below the predicate ${goal}; give priority to the improvements below.`,
    noSuggestion: "Every indicator is at the top level; keep it through periodic review and evaluation.",
    suggestionHead: (a: AspectAnalysis, gap: string) => `${a.code} ${a.name} (holds the index back by ${gap})`,
    raise: (code: string, name: string, from: string, to: number, toName: string | null) =>
      `raise ${code} ${name} from level ${from} to ${to}${toName ? ` (${toName})` : ""}`,
    more: (n: number) => `and ${n} more indicator(s)`,
  },
} as const;

/** The predicate the guideline treats as the minimum target. */
const GOAL_PREDICATE = "Baik";
/** At most this many indicators are named per list, the rest are counted. */
const LIST_LIMIT = 5;

/** A non-negative integer scaled by 10^places as a decimal with at least two places shown (id: comma). */
function decimal(scaled: number, places: number, lang: Lang): string {
  const digits = String(scaled).padStart(places + 1, "0");
  const whole = digits.slice(0, digits.length - places);
  let frac = digits.slice(digits.length - places);
  while (frac.length > 2 && frac.endsWith("0")) frac = frac.slice(0, -1);
  return `${whole}${lang === "id" ? "," : "."}${frac}`;
}

/** An indicator value as written: whole levels bare (3), decimal values with two places (1,26 / 1.26). */
function value(v: number, lang: Lang): string {
  return Number.isInteger(v) ? String(v) : decimal(hundredths(v), 2, lang);
}

function limited(items: string[], lang: Lang): string {
  if (items.length <= LIST_LIMIT) return items.join("; ");
  return `${items.slice(0, LIST_LIMIT).join("; ")}; ${TEXT[lang].more(items.length - LIST_LIMIT)}`;
}

/**
 * A draft of the general recommendation (Pedoman MenPANRB 3/2024 BAB III.F) in four parts for an
 * assessor to edit: summary; the aspect(s) with the highest index; the aspect(s) with the lowest
 * index and their impact on the index; appreciation (at "Baik" or better) and suggested
 * improvements, aspect by aspect in order of how much each holds the index back, naming the
 * indicators below the top level, lowest first. `indexName` names the index the instrument yields
 * ("Indeks SPBE", "Indeks Pemerintah Digital"; official-periods.json), the instrument's name by default.
 * The same text serves instruments with domains (59/2020) and with aspects at the root (Pemdi 2026),
 * whole levels and decimal values (1,26 rises to level 2).
 */
export function draftRecommendation(instrument: Instrument, analysis: AssessmentAnalysis, lang: Lang, indexName: string = instrument.name): string {
  const t = TEXT[lang];
  const { min, max } = instrument.levels;
  const byCode = new Map<string, InstrumentNode>(indicatorsOf(instrument.tree).map((l) => [l.code, l]));
  const aspects = new Map(analysis.aspects.map((a) => [a.code, a]));
  // Index points (ten-thousandths) an aspect lacks against all its indicators at the top level.
  const gap = (a: AspectAnalysis) => max * a.indicatorWeightHundredths - a.numerator;
  const aspectText = (code: string) => {
    const a = aspects.get(code)!;
    return t.aspect(a, decimal(a.indexHundredths, 2, lang));
  };

  const parts: string[] = [];
  const fulfilled = analysis.aspects.reduce((s, a) => s + a.fulfilled, 0);
  const total = analysis.aspects.reduce((s, a) => s + a.indicatorCount, 0);
  parts.push(
    `${t.summary}\n${t.overall(indexName, decimal(analysis.indexHundredths, 2, lang), analysis.predicate)} ${t.fulfilment(fulfilled, total, String(min + 1))} ${t.counts(
      analysis.strengths.length,
      analysis.weaknesses.length,
      `${max - 1}–${max}`,
      `${min}–${min + 1}`,
    )}`,
  );

  const strong = [t.highest(analysis.strongestAspects.map(aspectText).join("; "))];
  if (analysis.strengths.length) strong.push(t.strongest(limited(analysis.strengths.map((f) => t.indicator(f.code, f.name, value(f.level, lang))), lang)));
  parts.push(`${t.strengths}\n${strong.join(" ")}`);

  const weak = [t.lowest(analysis.weakestAspects.map(aspectText).join("; "))];
  for (const code of analysis.weakestAspects) {
    const a = aspects.get(code)!;
    weak.push(t.impact(a.code, decimal(hundredths(a.weight), 2, lang), decimal(gap(a), 4, lang), decimal(a.indicatorWeightHundredths, 4, lang), indexName));
  }
  const weakest = analysis.weaknesses.filter((f) => analysis.weakestAspects.includes(f.aspectCode));
  if (weakest.length) weak.push(t.weakest(limited(weakest.map((f) => t.indicator(f.code, f.name, value(f.level, lang))), lang)));
  parts.push(`${t.weaknesses}\n${weak.join(" ")}`);

  // Suggestions: every aspect below the top, the one holding the index back most first.
  const goalRank = instrument.predicates.some((p) => p.name === GOAL_PREDICATE)
    ? [...instrument.predicates].sort((a, b) => b.min - a.min).findIndex((p) => p.name === GOAL_PREDICATE)
    : -1;
  const rank = [...instrument.predicates].sort((a, b) => b.min - a.min).findIndex((p) => p.name === analysis.predicate);
  const reached = goalRank >= 0 && rank <= goalRank;
  const lines: string[] = [];
  if (goalRank >= 0) lines.push(reached ? t.appreciated(analysis.predicate, GOAL_PREDICATE) : t.belowGoal(GOAL_PREDICATE));
  const ordered = analysis.aspects.filter((a) => gap(a) > 0).sort((a, b) => gap(b) - gap(a));
  if (!ordered.length) lines.push(t.noSuggestion);
  ordered.forEach((a, i) => {
    const below = analysis.indicators.filter((f) => f.aspectCode === a.code && f.level < max).sort((x, y) => x.level - y.level);
    const raises = below.map((f) => {
      const leaf = byCode.get(f.code);
      const scale = leaf?.scale ? instrument.scales[leaf.scale] : undefined;
      const to = Math.floor(f.level) + 1;
      return t.raise(f.code, f.name, value(f.level, lang), to, scale?.find((s) => s.level === to)?.name ?? null);
    });
    lines.push(`${i + 1}. ${t.suggestionHead(a, decimal(gap(a), 4, lang))}: ${limited(raises, lang)}.`);
  });
  parts.push(`${reached ? t.appreciation : t.suggestions}\n${lines.join("\n")}`);
  return parts.join("\n\n");
}

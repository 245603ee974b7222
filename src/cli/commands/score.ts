import type { Command } from "commander";
import { PREDICATE_POLICIES, resolveScoreInputs, scoreAssessment, type IndicatorInput, type PredicatePolicy, type ScoreResult } from "../../core";
import { resolveInstrument } from "../../lib/instrument-files";
import { indexFamilyOf } from "../../lib/result-instruments";
import { CliError } from "../cli-error";
import { readJson } from "../read-input";

/** Code → value, or `{ "score": 57.3 }` for an indicator valued from another agency's index. */
function parseLevels(raw: unknown, source: string): Record<string, IndicatorInput> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new CliError(`${source}: expected an object mapping indicator code to level`);
  const out: Record<string, IndicatorInput> = {};
  for (const [code, v] of Object.entries(raw)) {
    const isScore = typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { score?: unknown }).score === "number";
    if (v !== null && typeof v !== "number" && !isScore) throw new CliError(`${source}: indicator ${code}: level ${JSON.stringify(v)} is not a number or { "score": number }`);
    out[code] = v as IndicatorInput;
  }
  return out;
}

/** `indexName`: the index the instrument yields ("Indeks SPBE", "Indeks Pemerintah Digital"). */
function renderTable(r: ScoreResult, indexName: string): string {
  const lines = r.nodes.map((n) => `${"  ".repeat(n.depth)}${n.code.padEnd(6)} ${(n.index === null ? "-" : n.index.toFixed(4)).padStart(7)}  ${n.name}`);
  lines.push("");
  lines.push(`${indexName} ${r.index.toFixed(4)} (${r.indexRounded.toFixed(2)}) ${r.predicate}${r.partial ? ` [sementara: ${r.completeness.answered}/${r.completeness.total}]` : ""}  kebijakan ${r.policy}`);
  return lines.join("\n");
}

/** The index an instrument yields: its family's name (official-periods.json), else the instrument's own name. */
function indexNameOf(instrument: { id: string; name: string }): string {
  const family = indexFamilyOf(instrument.id);
  return family.family === instrument.id ? instrument.name : family.name;
}

/** `pandu score`: the index, predicate and every node for a levels file. */
export function registerScoreCommand(program: Command): void {
  program
    .command("score")
    .description("compute the index and predicate for a set of levels")
    .requiredOption("--instrument <id|path>", "bundled instrument id or instrument file")
    .requiredOption("--levels <file|->", 'JSON file mapping indicator code to level (or { "score": n } for an indicator valued from another index), or - for stdin')
    .option("--policy <policy>", "predicate policy: exact or rounded2", "exact")
    .option("--partial", "preview: score only the answered indicators")
    .option("--format <format>", "json or table", "json")
    .action((opts: { instrument: string; levels: string; policy: string; partial?: boolean; format: string }) => {
      if (!PREDICATE_POLICIES.includes(opts.policy as PredicatePolicy)) throw new CliError(`--policy must be exact or rounded2, not ${opts.policy}`);
      if (!["json", "table"].includes(opts.format)) throw new CliError(`--format must be json or table, not ${opts.format}`);
      const compiled = resolveInstrument(opts.instrument);
      const levels = resolveScoreInputs(compiled, parseLevels(readJson(opts.levels), opts.levels));
      const result = scoreAssessment(compiled, levels, { policy: opts.policy as PredicatePolicy, partial: Boolean(opts.partial) });
      console.log(opts.format === "table" ? renderTable(result, indexNameOf(compiled.instrument)) : JSON.stringify(result, null, 2));
    });
}

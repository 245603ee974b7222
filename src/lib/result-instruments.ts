import fs from "node:fs";
import path from "node:path";
import { resultNodesOf, type ResultNode } from "../core";
import { bundledInstrument, INSTRUMENTS_DIR } from "./instrument-files";

/** An index family of official-periods.json: instruments whose indices form one comparable series. */
interface IndexFamily {
  family: string;
  name: string;
  instruments: string[];
}

let families: IndexFamily[] | undefined;

function indexFamilies(): IndexFamily[] {
  families ??= (JSON.parse(fs.readFileSync(path.join(INSTRUMENTS_DIR, "official-periods.json"), "utf8")) as { indices?: IndexFamily[] }).indices ?? [];
  return families;
}

/**
 * The index family of an instrument ("spbe" for 5/2018 and 59/2020, "pemdi" for Pemdi 2026, as
 * official-periods.json declares); an instrument no family names is a series of its own.
 */
export function indexFamilyOf(instrumentId: string): { family: string; name: string } {
  const f = indexFamilies().find((x) => x.instruments.includes(instrumentId));
  return f ? { family: f.family, name: f.name } : { family: instrumentId, name: bundledInstrument(instrumentId)?.instrument.name ?? instrumentId };
}

/** What a view needs to lay out the results of one instrument: its columns and its index family. */
export interface ResultInstrument {
  instrument: string;
  name: string;
  family: string;
  familyName: string;
  nodes: ResultNode[];
}

/** The result layout of each instrument id (first-seen order, no repeats); unknown ids get no columns. */
export function resultInstruments(ids: Iterable<string>): ResultInstrument[] {
  return [...new Set(ids)].map((id) => {
    const compiled = bundledInstrument(id);
    const { family, name: familyName } = indexFamilyOf(id);
    return { instrument: id, name: compiled?.instrument.name ?? id, family, familyName, nodes: compiled ? resultNodesOf(compiled.instrument) : [] };
  });
}

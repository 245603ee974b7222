import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { instrumentJsonSchema } from "../../src/core/instruments/instrument-json-schema";

it("instruments/instrument.schema.json matches the zod schema (regenerate with scripts/gen-instrument-schema.ts)", () => {
  const committed = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../instruments/instrument.schema.json"), "utf8"));
  expect(committed).toEqual(JSON.parse(JSON.stringify(instrumentJsonSchema())));
});

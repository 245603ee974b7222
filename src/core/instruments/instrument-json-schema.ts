import { z } from "zod";
import { InstrumentSchema } from "./instrument-schema";

/**
 * The instrument format as a JSON Schema document (draft 2020-12), derived from the zod schema.
 * Weight sums, unique codes and level coverage are checked by validateInstrument, not by the schema.
 */
export function instrumentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(InstrumentSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
  return {
    $id: "urn:pandu-spbe:instrument-schema:1",
    title: "Pandu SPBE evaluation instrument",
    description:
      "An SPBE evaluation instrument as data: a weighted tree whose leaves are indicators with a level scale, criteria and expected evidence per level. Children weights must sum to their parent's weight and roots to 100 (checked by `pandu instruments validate`).",
    ...schema,
  };
}

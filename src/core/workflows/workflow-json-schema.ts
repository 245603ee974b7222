import { z } from "zod";
import { WorkflowDefinitionSchema } from "./workflow-schema";

/**
 * The workflow file format as a JSON Schema document (draft 2020-12), derived from the zod schemas so
 * the two cannot drift. References between states, actions and roles, reachability and the rules of
 * claims and pauses are checked by `pandu workflows validate`, not by the schema.
 */
export function workflowJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(WorkflowDefinitionSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
  return {
    $id: "urn:pandu-spbe:workflow-schema:1",
    title: "Pandu service workflow",
    description:
      "A service or complaint workflow as data: roles, states with the roles that act in them, an SLA in working days per state and for the whole case, pauses while waiting for the citizen, claim-before-act, and actions between states. Checked completely by `pandu workflows validate`.",
    ...schema,
  };
}

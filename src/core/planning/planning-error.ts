/** Why a plan, analysis or guidance request cannot be answered; `details` names the offending input. */
export class PlanningError extends Error {
  constructor(
    readonly code: "unknown_indicator" | "missing_levels" | "invalid_level" | "invalid_cost" | "invalid_target" | "invalid_option",
    message: string,
    readonly details: { codes: string[]; values?: unknown[] } = { codes: [] },
  ) {
    super(message);
    this.name = "PlanningError";
  }
}

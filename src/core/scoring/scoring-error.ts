/** Why a set of levels cannot be scored; `details` names the offending indicators. */
export class ScoringError extends Error {
  constructor(
    readonly code: "missing_levels" | "invalid_level" | "invalid_score" | "unknown_indicator",
    message: string,
    readonly details: { codes: string[]; values?: unknown[] },
  ) {
    super(message);
    this.name = "ScoringError";
  }
}

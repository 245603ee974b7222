/** Improvement planning on plain data: per-aspect analysis, next-level guidance, the cost optimiser. */
export * from "./planning-error";
export * from "./analysis";
export * from "./recommendation";
export * from "./next-level";
export * from "./roadmap";
export * from "./due-dates";

/** Service and complaint workflows as data: the definition, its validation, and the engine over a case's history. */
export * from "./workflow-schema";
export * from "./workflow-json-schema";
export * from "./validate-workflow";
export * from "./instant";
export * from "./engine";

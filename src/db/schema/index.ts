export * from "./agencies";
export * from "./official-results";
export * from "./users";
export * from "./meta";
export * from "./audit";
export * from "./evaluation";
export * from "./evidence";

/**
 * The pure core of Pandu: instruments, scoring, analysis and planning on plain data. Nothing here
 * may touch the database, HTTP, the file system or the clock (enforced by test/core-purity.test.ts).
 */
export * from "./instruments/types";
export * from "./instruments/validate-instrument";
export * from "./instruments/predicate-names";
export * from "./instruments/period-in-force";
export * from "./scoring/compile-instrument";
export * from "./scoring/fixed-point";
export * from "./scoring/index-numerator";
export * from "./scoring/index-from-node-values";
export * from "./scoring/predicate";
export * from "./scoring/score-assessment";
export * from "./scoring/scoring-error";
export * from "./scoring/external-score";
export * from "./results/verify-published-results";
export * from "./access/roles";
export * from "./access/nip";
export * from "./access/return-path";
export * from "./assessment/stages";
export * from "./assessment/levels-in-force";
export * from "./assessment/progress";
export * from "./assessment/copy-forward";
export * from "./assessment/evidence-age";
export * from "./assessment/evidence-items";
export * from "./planning";
export * from "./analysis/aggregates";
export * from "./assessment/sectoral-services";
export * from "./assessment/schedule";
export * from "./results/result-nodes";
export * from "./results/index-series";
export * from "./forms";
export * from "./service-quality/skm-elements";
export * from "./service-quality/ikm";
export * from "./service-quality/minimum-respondents";
export * from "./calendar/iso-date";
export * from "./calendar/holiday-file";
export * from "./calendar/working-days";
export * from "./calendar/complaint-deadlines";
export * from "./workflows";
export * from "./lke/lke-sheet";
export * from "./services/service-standard";
export * from "./applications/case-columns";
export * from "./applications/retention";
export * from "./service-quality/skm-sheet";
export * from "./service-quality/service-dashboard";
export * from "./services/complaints";

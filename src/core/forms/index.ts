/** Application forms as data: the definition, its validation, NIK/KK and region codes, answer checks. */
export * from "./types";
export * from "./form-schema";
export * from "./form-json-schema";
export * from "./validate-form";
export * from "./validate-application";
export * from "./nik";
export * from "./region-codes";

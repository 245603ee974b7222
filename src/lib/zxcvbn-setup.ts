import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as id from "@zxcvbn-ts/language-id";

/** zxcvbn with the common and Indonesian dictionaries, built once. */
export const zxcvbnOptions = {
  dictionary: { ...common.dictionary, ...id.dictionary },
  graphs: common.adjacencyGraphs,
  translations: id.translations,
};

const factory = new ZxcvbnFactory(zxcvbnOptions);

/** Scores a password 0–4. */
export function zxcvbn(password: string, userInputs: string[]): { score: number } {
  return factory.check(password, userInputs);
}

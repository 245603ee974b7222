import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/** zxcvbn with the common and Indonesian dictionaries, built at the first check (they take a while to load, so not at start-up). */
let factory: Promise<ZxcvbnFactory> | undefined;

async function load(): Promise<ZxcvbnFactory> {
  const [core, common, id] = await Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common"), import("@zxcvbn-ts/language-id")]);
  return new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...id.dictionary },
    graphs: common.adjacencyGraphs,
    translations: id.translations,
  });
}

/** Scores a password 0–4. */
export async function zxcvbn(password: string, userInputs: string[]): Promise<{ score: number }> {
  factory ??= load();
  return (await factory).check(password, userInputs);
}

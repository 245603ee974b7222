import { expect, it } from "vitest";
import { staleApiContractFiles } from "../../scripts/api-contract";

it("docs/openapi.json and the web's generated API types match the server's routes (regenerate with `npm run gen:api`)", async () => {
  expect(await staleApiContractFiles()).toEqual([]);
});

import { describe, expect, it } from "vitest";
import { chooseEncoding, type PreparedAnswer } from "../../src/server/cache/prepared-answer";

const both: PreparedAnswer = { identity: Buffer.from("x"), gzip: Buffer.from("g"), br: Buffer.from("b"), etag: '"t"', headers: {} };
const small: PreparedAnswer = { ...both, gzip: null, br: null };

describe("content coding negotiation for prepared answers", () => {
  it.each([
    [undefined, "identity"],
    ["", "identity"],
    ["gzip, deflate, br", "br"],
    ["gzip", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["gzip;q=1, br;q=0.5", "gzip"],
    ["br;q=0.8, gzip;q=0.8", "br"],
    ["*", "br"],
    ["*;q=0", "identity"],
    ["identity", "identity"],
    ["GZIP", "gzip"],
    ["br;q=abc", "identity"],
  ] as const)("Accept-Encoding %j → %s", (header, expected) => {
    expect(chooseEncoding(header, both)).toBe(expected);
  });

  it("a body too small to compress is sent as it is", () => {
    expect(chooseEncoding("br, gzip", small)).toBe("identity");
  });
});

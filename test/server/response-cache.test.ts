import { describe, expect, it } from "vitest";
import { cacheCharsFromEnv, ResponseCache, withFields } from "../../src/server/cache/response-cache";

describe("ResponseCache", () => {
  it("answers only the version it was built from", () => {
    const cache = new ResponseCache(1000);
    cache.set("a", 3, '{"x":1}');
    expect(cache.get("a", 3)).toBe('{"x":1}');
    expect(cache.get("a", 4)).toBeUndefined();
    // A slow request that built from an older version does not replace the newer body.
    cache.set("a", 2, '{"x":0}');
    expect(cache.get("a", 3)).toBe('{"x":1}');
  });

  it("stays within its size, dropping the least recently used bodies first", () => {
    const cache = new ResponseCache(30);
    cache.set("a", 1, "a".repeat(10));
    cache.set("b", 1, "b".repeat(10));
    cache.set("c", 1, "c".repeat(10));
    expect(cache.get("a", 1)).toBeDefined(); // a is now the most recent
    cache.set("d", 1, "d".repeat(10));
    expect(cache.get("b", 1)).toBeUndefined();
    expect([cache.get("a", 1), cache.get("c", 1), cache.get("d", 1)].every(Boolean)).toBe(true);
    cache.set("huge", 1, "x".repeat(31)); // larger than the whole cache: not stored, nothing evicted
    expect(cache.get("huge", 1)).toBeUndefined();
    expect(cache.count).toBe(3);
    expect(new ResponseCache(0).get("a", 1)).toBeUndefined();
  });

  it("adds per-request fields to a cached object", () => {
    expect(JSON.parse(withFields('{"a":1}', { abilities: { edit: true } }))).toEqual({ a: 1, abilities: { edit: true } });
    expect(JSON.parse(withFields("{}", { b: 2 }))).toEqual({ b: 2 });
  });

  it("reads its size from PANDU_CACHE_MB", () => {
    expect(cacheCharsFromEnv({})).toBe(64 * 1024 * 1024);
    expect(cacheCharsFromEnv({ PANDU_CACHE_MB: "0" })).toBe(0);
    expect(cacheCharsFromEnv({ PANDU_CACHE_MB: "lots" })).toBe(64 * 1024 * 1024);
  });
});

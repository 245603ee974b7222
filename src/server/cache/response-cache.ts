/**
 * A bounded, least-recently-used cache of serialised JSON response bodies (or, with `sizeOf`, any
 * prepared answer), each stored with the version (a database generation counter,
 * `db/queries/cache-generations.ts`) it was built from. A lookup answers only an entry of exactly
 * the version the caller has just read from the database, so a write in any process or instance is
 * seen by the next request. Bounded by the total size of the stored bodies; the oldest go first.
 */
export class ResponseCache<T = string> {
  private readonly entries = new Map<string, { version: number; body: T }>();
  private size = 0;

  constructor(
    private readonly maxChars: number,
    private readonly sizeOf: (body: T) => number = (body) => (body as string).length,
  ) {}

  /** The body stored under `key` for `version`, or undefined (missing, or built from another version). */
  get(key: string, version: number): T | undefined {
    const hit = this.entries.get(key);
    if (!hit || hit.version !== version) return undefined;
    this.entries.delete(key); // re-insert: Map order is the recency order
    this.entries.set(key, hit);
    return hit.body;
  }

  /** Stores a body built from `version`, unless a newer version is already stored. */
  set(key: string, version: number, body: T): void {
    const old = this.entries.get(key);
    if (old && old.version > version) return;
    if (old) this.drop(key, old.body);
    if (this.sizeOf(body) > this.maxChars) return;
    this.entries.set(key, { version, body });
    this.size += this.sizeOf(body);
    for (const [k, v] of this.entries) {
      if (this.size <= this.maxChars) break;
      this.drop(k, v.body);
    }
  }

  /** Number of stored entries. */
  get count(): number {
    return this.entries.size;
  }

  private drop(key: string, body: T) {
    this.entries.delete(key);
    this.size -= this.sizeOf(body);
  }
}

/** Cache size per response kind, from PANDU_CACHE_MB (default 64 MB of JSON per kind; 0 turns caching off). */
export function cacheCharsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.PANDU_CACHE_MB ?? 64);
  return Number.isFinite(mb) && mb >= 0 ? Math.floor(mb * 1024 * 1024) : 64 * 1024 * 1024;
}

/** `{…}` + `,"key":value}`: adds per-request fields to a cached JSON object without parsing it again. */
export function withFields(cachedObject: string, fields: Record<string, unknown>): string {
  const extra = JSON.stringify(fields);
  if (extra === "{}") return cachedObject;
  return cachedObject === "{}" ? extra : `${cachedObject.slice(0, -1)},${extra.slice(1)}`;
}

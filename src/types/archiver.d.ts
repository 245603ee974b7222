// The part of archiver 5 (no bundled types) that the evidence bundle uses; see evidence-zip.routes.ts.
declare module "archiver" {
  import type { Readable, Transform } from "node:stream";

  interface EntryData {
    name: string;
    date?: Date;
    store?: boolean;
  }
  interface ZipOptions {
    store?: boolean;
    zlib?: { level?: number };
    forceZip64?: boolean;
  }
  interface Archiver extends Transform {
    append(source: Readable | Buffer | string, data: EntryData): this;
    finalize(): Promise<void>;
    abort(): this;
    pointer(): number;
    on(event: "entry", listener: (entry: EntryData) => void): this;
    on(event: "warning" | "error", listener: (error: Error) => void): this;
    on(event: string | symbol, listener: (...args: unknown[]) => void): this;
  }
  function archiver(format: "zip", options?: ZipOptions): Archiver;
  export default archiver;
  export type { Archiver, EntryData, ZipOptions };
}

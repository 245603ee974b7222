import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";

/**
 * The backup file: one gzip stream of JSON lines (NDJSON), so it is written and read as a stream
 * (no tar, no temporary directory) and stays inspectable with `zcat | head`. Lines, in order:
 * `{"header": …}`, then per table `{"table": name, "columns": […]}` followed by one `{"r": row}`
 * per row, `{"sequence": …}` lines, per blob `{"blob": key, …}` followed by `{"b": base64}` chunks,
 * and last `{"manifest": …}` (row counts and blob hashes, so a truncated file is detected).
 */
export class BackupWriter {
  private readonly gzip = createGzip();
  private readonly done: Promise<void>;
  private closed = false;

  constructor(private readonly out: Writable) {
    this.gzip.pipe(out);
    out.on("close", () => (this.closed = true));
    this.done = new Promise((resolve, reject) => {
      out.on("finish", resolve);
      out.on("close", resolve);
      out.on("error", reject);
      this.gzip.on("error", reject);
    });
    // After abort() nobody awaits the end: its rejection must not become an unhandled one (which ends the process).
    this.done.catch(() => {});
  }

  /**
   * Writes one line, waiting when the destination is slower than the reader; fails once the destination
   * is gone (a client that hung up), so the snapshot's transaction ends instead of waiting for ever.
   */
  async line(text: string): Promise<void> {
    if (!this.closed && !this.gzip.write(text + "\n")) {
      await new Promise<void>((resolve) => {
        const go = () => {
          this.gzip.off("drain", go);
          this.out.off("close", go);
          resolve();
        };
        this.gzip.once("drain", go);
        this.out.once("close", go);
      });
    }
    if (this.closed) throw new Error("the backup's destination was closed before the backup ended");
  }

  async json(value: unknown): Promise<void> {
    await this.line(JSON.stringify(value));
  }

  async end(): Promise<void> {
    this.gzip.end();
    await this.done;
  }

  /** Ends the stream without a manifest after a failure (the reader then refuses the file). */
  abort(error: Error): void {
    this.gzip.destroy(error);
  }
}

/** The parsed lines of a backup file, in order; a row line's `r` is left as its JSON text (no precision lost). */
export async function* readBackupLines(source: Readable | string): AsyncIterable<Record<string, unknown>> {
  const input = typeof source === "string" ? createReadStream(source) : source;
  const gunzip = createGunzip();
  input.on("error", (e: Error) => gunzip.destroy(e));
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity });
  for await (const text of lines) {
    if (!text) continue;
    if (text.startsWith('{"r":')) {
      yield { r: text.slice(5, -1) };
      continue;
    }
    yield JSON.parse(text) as Record<string, unknown>;
  }
}

import { randomBytes } from "node:crypto";
import type { Db } from "../../../db/client";
import { claimDocumentJob, failDocumentJob, finishDocumentJob, setDocumentJobProgress, type DocumentJob } from "../../../db/commands/document-jobs";
import { AppError } from "../../errors";
import type { ProducedDocument, Progress } from "./official-reports";

export interface DocumentJobQueueOptions {
  db: Db;
  /** This process's `server_instances` id; absent (tests, embedding): a random id of this queue. */
  instanceId?: string;
  /** How often to look for jobs queued through another instance or left by a dead one; 0: only when woken. */
  pollMs: number;
  produce(job: DocumentJob, progress: Progress): Promise<ProducedDocument>;
  onError(job: DocumentJob, err: unknown): void;
}

/**
 * The in-process queue of document jobs (pg-boss is not installed, and one table is enough): a
 * request queues a row and wakes the queue; the queue claims rows one at a time (`claimDocumentJob`,
 * `FOR UPDATE SKIP LOCKED`, so several instances on PostgreSQL never run a job twice), reports
 * progress to the row and ends it `done` (issued document + bytes) or `failed` (error code; the
 * issue is one transaction, so a failure leaves no register row behind). A poll picks up jobs
 * queued through other instances and jobs whose instance died.
 */
export class DocumentJobQueue {
  private readonly instanceId: string;
  private running: Promise<void> | null = null;
  private again = false;
  private paused = false;
  private closed = false;
  private readonly timer: NodeJS.Timeout | null;

  constructor(private readonly options: DocumentJobQueueOptions) {
    this.instanceId = options.instanceId ?? `queue-${randomBytes(6).toString("hex")}`;
    this.timer = options.pollMs > 0 ? setInterval(() => this.wake(), options.pollMs).unref() : null;
  }

  /** Looks for work now (after a job was queued). */
  wake(): void {
    if (this.closed || this.paused) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves once nothing is running and nothing was asked for meanwhile (tests await it instead of sleeping). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops claiming new jobs (queued ones wait) until `resume`. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake();
  }

  /** Stops the poll and waits for the running job. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.idle();
  }

  private async drain(): Promise<void> {
    while (!this.closed && !this.paused) {
      const job = await claimDocumentJob(this.options.db, this.instanceId);
      if (!job) return;
      await this.run(job);
    }
  }

  private async run(job: DocumentJob): Promise<void> {
    const { db } = this.options;
    // Progress is written one update at a time, the latest value winning; never awaited by the
    // renderer (it may run inside the issue transaction, and PGlite has one connection).
    let latest = 0;
    let written = 0;
    let writing: Promise<void> | null = null;
    const write = () => {
      if (writing || latest <= written) return;
      const value = latest;
      writing = setDocumentJobProgress(db, job.id, this.instanceId, value)
        .then(() => void (written = value))
        .catch(() => undefined)
        .finally(() => {
          writing = null;
          write();
        });
    };
    const progress: Progress = (p) => {
      latest = Math.max(latest, Math.min(99, Math.floor(p)));
      write();
    };
    const settle = async () => {
      while (writing) await writing;
    };
    try {
      const produced = await this.options.produce(job, progress);
      await settle();
      await finishDocumentJob(db, job.id, this.instanceId, produced);
    } catch (err) {
      await settle();
      if (!(err instanceof AppError) || err.statusCode >= 500) this.options.onError(job, err);
      await failDocumentJob(db, job.id, this.instanceId, err instanceof AppError ? err.code : "internal_error").catch((e: unknown) => this.options.onError(job, e));
    }
  }
}

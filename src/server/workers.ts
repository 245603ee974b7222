import cluster from "node:cluster";

/** The worker's slot (1…PANDU_WORKERS) in a multi-process start; null in a single process. */
export function workerSlot(): number | null {
  return cluster.isWorker ? Number(process.env.PANDU_WORKER_SLOT) : null;
}

/**
 * The primary process when PANDU_WORKERS > 1 (PostgreSQL only): forks one app process per slot;
 * they share the port (the primary hands out the connections) and keep no state of their own
 * beyond a response cache that checks the database's counters. A worker that dies after it was
 * ready is replaced in the same slot; one that dies before (a busy port, an unreachable database)
 * ends the start with exit code 1, its own line having said why. SIGTERM or SIGINT stops every
 * worker gracefully and the primary exits when they have.
 */
export function superviseWorkers(count: number): void {
  const live = new Map<number, { slot: number; ready: boolean }>();
  let stopping = false;
  let announced = false;
  const fork = (slot: number) => {
    const worker = cluster.fork({ PANDU_WORKER_SLOT: String(slot) });
    live.set(worker.id, { slot, ready: false });
    worker.on("message", (m: { pandu?: string; port?: number } | null) => {
      if (m?.pandu !== "ready") return;
      live.get(worker.id)!.ready = true;
      // The first time every slot is ready, tell a parent with an IPC channel (the tests), as a single process does.
      if (!announced && live.size === count && [...live.values()].every((w) => w.ready)) {
        announced = true;
        process.send?.(m);
      }
    });
  };
  const stopAll = (exitCode: number) => {
    stopping = true;
    process.exitCode = exitCode;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  cluster.on("exit", (worker, code, signal) => {
    const state = live.get(worker.id);
    live.delete(worker.id);
    if (stopping || !state) {
      if (live.size === 0) process.exit();
      return;
    }
    if (!state.ready) return stopAll(1);
    process.stderr.write(`pandu: worker ${state.slot} (PID ${worker.process.pid}) ended (${signal ?? `exit code ${code}`}); starting it again\n`);
    setTimeout(() => !stopping && fork(state.slot), 1000);
  });
  for (let slot = 1; slot <= count; slot++) fork(slot);
  process.once("SIGTERM", () => stopAll(0));
  process.once("SIGINT", () => stopAll(0));
}

import { randomUUID } from "node:crypto";
import type { Database, HeldConnection } from "../db/client";
import { beat, HEARTBEAT_MS, releaseDeadInstances, removeInstance } from "../db/commands/server-instances";

export interface RunningInstance {
  /** This process's id in `server_instances` (AppContext.instanceId). */
  id: string;
  /** Chunk leases of dead instances released at start-up. */
  released: number;
  /** At a graceful stop, after the last request: the heartbeat ends and the row goes. */
  stop(): Promise<void>;
}

/**
 * Registers this server process as a live instance: first releases what dead instances held, then
 * writes a heartbeat every HEARTBEAT_MS. On PostgreSQL the heartbeat goes through a connection held
 * open for the process's life, whose backend identifies the process (it ends when the process dies,
 * even by SIGKILL); when that connection breaks, the next beat opens another.
 */
export async function startInstance(database: Database, onError: (err: unknown) => void): Promise<RunningInstance> {
  const id = randomUUID();
  const released = await releaseDeadInstances(database.db, database.kind === "pglite");
  let held: HeldConnection | null = null;
  const tick = async () => {
    if (database.kind === "postgres" && (!held || held.lost)) {
      await held?.close().catch(() => {});
      held = null;
      // Without it (the database is unreachable) the beat below fails too and is tried again next time.
      held = await database.holdConnection().catch(() => null);
    }
    await beat(held?.db ?? database.db, id, held !== null);
  };
  await tick();
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= tick()
      .catch(onError)
      .finally(() => (running = null));
  }, HEARTBEAT_MS).unref();
  return {
    id,
    released,
    stop: async () => {
      clearInterval(timer);
      await running;
      await removeInstance(database.db, id).catch(onError);
      await (held as HeldConnection | null)?.close().catch(() => {});
    },
  };
}

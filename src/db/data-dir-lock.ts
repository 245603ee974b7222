import fs from "node:fs";
import path from "node:path";

/** Raised when another live process holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`data directory ${dir} is in use by another Pandu process (PID ${pid}); stop it or set PANDU_DATA_DIR to another directory`);
    this.name = "DataDirLockedError";
  }
}

/** Raised when the data directory cannot be created or written. */
export class DataDirUnwritableError extends Error {
  constructor(dir: string, code: string) {
    super(`data directory ${dir} is not writable (${code}); fix its permissions or set PANDU_DATA_DIR to a writable directory`);
    this.name = "DataDirUnwritableError";
  }
}

/** Creates the data directory if needed and proves it is writable, or throws one clear error. */
export function ensureWritableDir(dir: string): void {
  try {
    try {
      fs.mkdirSync(dir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Only recurse when the parent is really missing: recursive mkdir can spin on pseudo file systems.
      if (code === "ENOENT" && !fs.existsSync(path.dirname(dir))) fs.mkdirSync(dir, { recursive: true });
      else if (code !== "EEXIST") throw e;
    }
    const probe = path.join(dir, `.write-probe-${process.pid}`);
    fs.writeFileSync(probe, "");
    fs.rmSync(probe);
  } catch (e) {
    throw new DataDirUnwritableError(dir, (e as NodeJS.ErrnoException).code ?? "error");
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes an exclusive lock on a PGlite data directory: PGlite itself lets two processes open the
 * same directory and corrupt it. The lock file holds our PID; a lock left by a dead process is taken
 * over. Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
  ensureWritableDir(dir);
  const file = path.join(dir, "pandu.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, "wx");
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      fs.rmSync(file, { force: true }); // stale lock from a process that died
    }
  }
  throw new Error(`could not lock data directory ${dir}`);
}

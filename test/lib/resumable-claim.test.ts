import { mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { claimPart, createPart, PartBusyError, partIsBusy, removePart } from "../../src/lib/storage";

// The claim that keeps two requests (or two worker processes) from appending to one partial file at once.
describe("claiming a resumable upload's partial file", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pandu-claim-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives the claim to one request at a time and frees it on release", async () => {
    const file = path.join(dir, "a.part");
    await createPart(file);
    const release = await claimPart(file);
    expect(await partIsBusy(file)).toBe(true);
    await expect(claimPart(file)).rejects.toBeInstanceOf(PartBusyError);
    await release();
    expect(await partIsBusy(file)).toBe(false);
    await (await claimPart(file))();
  });

  it("several requests taking over a stale claim at once: one gets it, the others are told the upload is busy", async () => {
    for (let round = 0; round < 20; round++) {
      const file = path.join(dir, `race-${round}.part`);
      await createPart(file);
      writeFileSync(`${file}.lock`, "");
      const past = new Date(Date.now() - 20 * 60_000);
      utimesSync(`${file}.lock`, past, past);
      const outcomes = await Promise.allSettled([claimPart(file), claimPart(file), claimPart(file)]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(PartBusyError);
      await removePart(file);
      expect(existsSync(`${file}.lock`)).toBe(false);
    }
    // Nothing left behind by the takeovers.
    expect(readdirSync(dir).filter((n) => n.includes(".stale-"))).toEqual([]);
  });

  it("a gone upload has nothing to protect", async () => {
    const release = await claimPart(path.join(dir, "missing", "x.part"));
    await release();
  });
});

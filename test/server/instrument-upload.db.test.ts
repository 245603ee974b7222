import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";
import { smallInstrument } from "../helpers/instruments";
import { runCliAsync } from "../helpers/run-cli";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { auditEvents, instrumentVersions } from "../../src/db/schema";
import { eq } from "drizzle-orm";

type Session = Awaited<ReturnType<typeof sessionFor>>;
interface Summary { id: string; name: string; source: string; baseId: string | null; version: number | null; uploadedAt: string | null; uploadedBy: string | null; indicatorCount: number }

function multipart(fileName: string, contentType: string, content: string) {
  const boundary = "----pandu-test-boundary";
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe(`uploaded instruments on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let admin: Session, koordinator: Session, entri: Session;

  const upload = (as: Session | null, payload: string | object, contentType = "application/json") =>
    t.app.inject({
      method: "POST",
      url: "/api/instruments",
      headers: { ...(as ? { cookie: as.cookie, "x-csrf-token": as.csrf } : {}), "content-type": contentType },
      payload: typeof payload === "string" ? payload : JSON.stringify(payload),
    });

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const s = async (role: Parameters<typeof makeUser>[1], code: string | null) => sessionFor(t.database, (await makeUser(t.database, role, code, null)).id);
    admin = await s("administrator", null);
    koordinator = await s("koordinator_provinsi", "15");
    entri = await s("pelaksana_entri", "15.71");
  });
  afterAll(async () => t.close());

  it("a valid JSON instrument becomes version 1, listed with its uploader, with an audit event", async () => {
    const res = await upload(admin, smallInstrument());
    expect(res.statusCode).toBe(201);
    const body = res.json<{ created: boolean; instrument: Summary }>();
    expect(body.created).toBe(true);
    expect(body.instrument).toMatchObject({ id: "instrumen-uji-daerah@1", baseId: "instrumen-uji-daerah", version: 1, source: "uploaded", indicatorCount: 2 });
    expect(body.instrument.uploadedBy).toBeTruthy();
    const list = (await call(t.app, "GET", "/api/instruments", admin)).json<{ instruments: Summary[] }>().instruments;
    expect(list.filter((i) => i.source === "bundled").map((i) => i.id)).toContain("permenpanrb-59-2020");
    expect(list.find((i) => i.id === "instrumen-uji-daerah@1")).toMatchObject({ version: 1, uploadedBy: body.instrument.uploadedBy });
    // The uploader's name is for administrators; the list itself is public.
    const anonymous = (await call(t.app, "GET", "/api/instruments", null)).json<{ instruments: Summary[] }>().instruments;
    expect(anonymous.find((i) => i.id === "instrumen-uji-daerah@1")).toMatchObject({ version: 1, uploadedBy: null });
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "instrument.upload"));
    expect(audit.map((a) => a.targetId)).toEqual(["instrumen-uji-daerah@1"]);
    const detail = await call(t.app, "GET", `/api/instruments/${encodeURIComponent("instrumen-uji-daerah@1")}`, null);
    expect(detail.statusCode).toBe(200);
    expect(detail.json<{ id: string; name: string }>()).toMatchObject({ id: "instrumen-uji-daerah", name: "Instrumen Uji Daerah" });
  });

  it("a valid YAML instrument, as a multipart file and as a YAML body", async () => {
    const yaml = YAML.stringify(smallInstrument("instrumen-yaml", "Instrumen YAML"));
    const m = multipart("instrumen.yaml", "application/octet-stream", yaml);
    const res = await upload(admin, m.body, m.contentType);
    expect(res.statusCode).toBe(201);
    expect(res.json<{ instrument: Summary }>().instrument).toMatchObject({ id: "instrumen-yaml@1", name: "Instrumen YAML" });
    const raw = await upload(admin, YAML.stringify(smallInstrument("instrumen-yaml-body")), "application/yaml");
    expect(raw.statusCode).toBe(201);
    expect(raw.json<{ instrument: Summary }>().instrument.id).toBe("instrumen-yaml-body@1");
  });

  it("an invalid instrument answers 400 instrument_invalid listing every problem with its path; nothing is kept", async () => {
    const bad = smallInstrument("instrumen-rusak") as Record<string, unknown> & ReturnType<typeof smallInstrument>;
    bad.tree[0]!.children[0]!.weight = 50; // children sum to 90, not 100
    (bad.tree[0]!.children[1] as { scale: string }).scale = "tidak-ada"; // unknown scale
    bad.predicates = [{ name: "Kurang", min: 0 }, { name: "Baik", min: 3 }]; // bands in the wrong order
    const m = multipart("rusak.json", "application/json", JSON.stringify(bad));
    const res = await upload(admin, m.body, m.contentType);
    expect(res.statusCode).toBe(400);
    const err = res.json<{ error: string; details: { problems: { path: string; message: string }[] } }>();
    expect(err.error).toBe("instrument_invalid");
    expect(err.details.problems.length).toBeGreaterThanOrEqual(3);
    const paths = err.details.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["tree[0]", "tree[0].children[1].scale", "predicates[1]"]));
    // A shape error: each bad field named.
    const shape = await upload(admin, { id: "Bad Id", name: "", levels: { min: 1 }, scales: {}, predicates: [], tree: [] });
    expect(shape.statusCode).toBe(400);
    expect(shape.json<{ details: { problems: { path: string }[] } }>().details.problems.map((p) => p.path)).toEqual(expect.arrayContaining(["id", "name", "levels.max", "predicates", "tree"]));
    const syntax = multipart("rusak.yaml", "text/yaml", "id: [unclosed");
    const bad2 = await upload(admin, syntax.body, syntax.contentType);
    expect(bad2.statusCode).toBe(400);
    expect(bad2.json<{ details: { problems: { path: string; message: string }[] } }>().details.problems[0]!.message).toMatch(/^not valid YAML/);
    const list = (await call(t.app, "GET", "/api/instruments", admin)).json<{ instruments: Summary[] }>().instruments;
    expect(list.some((i) => i.baseId === "instrumen-rusak")).toBe(false);
  });

  it("only an administrator uploads: others 403, without a session 401", async () => {
    for (const who of [koordinator, entri]) {
      const res = await upload(who, smallInstrument("instrumen-tamu"));
      expect(res.statusCode).toBe(403);
      expect(res.json<{ error: string }>().error).toBe("forbidden");
    }
    expect((await upload(null, smallInstrument("instrumen-tamu"))).statusCode).toBe(401);
  });

  it("a bundled (official) id is refused, and an upload cannot call itself official", async () => {
    const res = await upload(admin, { ...smallInstrument("permenpanrb-59-2020"), status: "official" });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ details: { problems: { path: string }[] } }>().details.problems.map((p) => p.path);
    expect(paths).toEqual(["id", "status"]);
  });

  it("uploading the same id again adds a version; the same file twice adds nothing", async () => {
    const again = await upload(admin, smallInstrument());
    expect(again.statusCode).toBe(200);
    expect(again.json<{ created: boolean; instrument: Summary }>()).toMatchObject({ created: false, instrument: { id: "instrumen-uji-daerah@1" } });
    const v2 = await upload(admin, smallInstrument("instrumen-uji-daerah", "Instrumen Uji Daerah (revisi)"));
    expect(v2.statusCode).toBe(201);
    expect(v2.json<{ instrument: Summary }>().instrument).toMatchObject({ id: "instrumen-uji-daerah@2", version: 2, name: "Instrumen Uji Daerah (revisi)" });
    const versions = (await call(t.app, "GET", "/api/instruments", admin)).json<{ instruments: Summary[] }>().instruments.filter((i) => i.baseId === "instrumen-uji-daerah");
    expect(versions.map((v) => [v.version, v.name])).toEqual([
      [1, "Instrumen Uji Daerah"],
      [2, "Instrumen Uji Daerah (revisi)"],
    ]);
  });

  it("a version another instance stored (unknown in this process) is read from the database when named", async () => {
    // As if uploaded through another instance: the row only, nothing registered here.
    const inst = smallInstrument("instrumen-instans-lain", "Dari instans lain");
    await t.database.db.insert(instrumentVersions).values({ instrumentId: inst.id, version: 1, name: inst.name, sha256: "0".repeat(64), body: inst, sourceFormat: "json", uploadedBy: null });
    const created = await call(t.app, "POST", "/api/periods", admin, { name: "Instans lain", year: 2026, kind: "pemantauan", instrument: "instrumen-instans-lain", schedule: {}, agencies: ["15.71"] });
    expect(created.statusCode).toBe(201);
    const detail = await call(t.app, "GET", `/api/instruments/${encodeURIComponent("instrumen-instans-lain@1")}`, null);
    expect(detail.json<{ name: string }>().name).toBe("Dari instans lain");
  });

  it("a period created with an uploaded instrument pins its newest version, and its assessment is scored with it", async () => {
    const created = await call(t.app, "POST", "/api/periods", admin, {
      name: "Evaluasi mandiri dengan instrumen daerah",
      year: 2026,
      kind: "pemantauan",
      instrument: "instrumen-uji-daerah",
      schedule: { mandiri: { opens: "2026-01-01", closes: "2099-12-31" } },
      agencies: ["15.71"],
    });
    expect(created.statusCode).toBe(201);
    const periods = (await call(t.app, "GET", "/api/periods", entri)).json<{ periods: { id: number; instrument: string; assessments: { id: number }[] }[] }>().periods;
    const period = periods.find((p) => p.id === created.json<{ id: number }>().id)!;
    expect(period.instrument).toBe("instrumen-uji-daerah@2");
    const id = period.assessments[0]!.id;
    for (const [code, level] of [["1", 5], ["2", 2]] as const) {
      const saved = await call(t.app, "PUT", `/api/assessments/${id}/answers/${code}`, entri, { stage: "mandiri", version: 0, level });
      expect(saved.statusCode).toBe(200);
    }
    const ws = (await call(t.app, "GET", `/api/assessments/${id}`, entri)).json<{ indicators: { code: string }[]; score: { index: number; predicate: string; partial: boolean } }>();
    expect(ws.indicators.map((i) => i.code)).toEqual(["1", "2"]);
    // 5 × 0.6 + 2 × 0.4 = 3.8
    expect(ws.score).toMatchObject({ index: 3.8, predicate: "Baik", partial: false });
    const levels = await call(t.app, "GET", `/api/assessments/${id}/levels.json`, entri);
    expect(levels.json()).toEqual({ "1": 5, "2": 2 });
    const scored = await call(t.app, "POST", `/api/instruments/${encodeURIComponent("instrumen-uji-daerah@2")}/score`, null, { levels: levels.json() });
    expect(scored.json<{ index: number }>().index).toBe(3.8);
    // The version's file and the levels file, downloaded, are what `pandu score` reads.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-instr-"));
    try {
      const file = await call(t.app, "GET", `/api/instruments/${encodeURIComponent("instrumen-uji-daerah@2")}`, null);
      expect(file.json<{ id: string }>().id).toBe("instrumen-uji-daerah");
      fs.writeFileSync(path.join(dir, "instrumen.json"), file.body);
      fs.writeFileSync(path.join(dir, "levels.json"), levels.body);
      const cli = await runCliAsync(["score", "--instrument", path.join(dir, "instrumen.json"), "--levels", path.join(dir, "levels.json")]);
      expect(cli.stderr).toBe("");
      expect(JSON.parse(cli.stdout)).toMatchObject({ index: 3.8, predicate: "Baik" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // An explicit version is kept as named; an unknown one is refused.
    const pinned = await call(t.app, "POST", "/api/periods", admin, { name: "Versi 1", year: 2026, kind: "pemantauan", instrument: "instrumen-uji-daerah@1", schedule: {}, agencies: ["15.71"] });
    expect(pinned.statusCode).toBe(201);
    const unknown = await call(t.app, "POST", "/api/periods", admin, { name: "Versi 9", year: 2026, kind: "pemantauan", instrument: "instrumen-uji-daerah@9", schedule: {}, agencies: ["15.71"] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: string }>().error).toBe("unknown_instrument");
  });
});

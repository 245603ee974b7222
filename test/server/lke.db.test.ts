import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { asc, count, eq } from "drizzle-orm";
import { call, makeUser, sessionFor } from "../helpers/accounts";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";
import { multipartBody } from "../lib/evidence-fixtures";
import { answers, assessments, auditEvents } from "../../src/db/schema";
import { verifyAudit } from "../../src/db/audit/verify-audit";

type Session = Awaited<ReturnType<typeof sessionFor>>;
interface Problem {
  sheet: string;
  row: number | null;
  column: string | null;
  code: string;
}

/** A ZIP archive of stored/deflated entries written by hand, sizes as given (to lie about them). */
function zipOf(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const compressed = zlib.deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

describe(`the LKE worksheet round-trip (Excel export and import) on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let admin: Session, entri: Session, pimpinan: Session;
  let id: number, otherId: number, pemdiId: number;

  const exportLke = async (assessmentId: number, who: Session = entri) => {
    const res = await call(t.app, "GET", `/api/assessments/${assessmentId}/lke.xlsx`, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.rawPayload;
  };
  const importLke = (assessmentId: number, data: Buffer, who: Session = entri) => {
    const { body, contentType } = multipartBody({}, { name: "lke.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data });
    return t.app.inject({ method: "POST", url: `/api/assessments/${assessmentId}/lke`, headers: { "content-type": contentType, cookie: who.cookie, "x-csrf-token": who.csrf }, payload: body });
  };
  /** Loads a workbook, lets `edit` change the LKE sheet (rows found by indicator code) and writes it again. */
  async function edited(data: Buffer, edit: (sheet: ExcelJS.Worksheet, rowOf: (code: string) => ExcelJS.Row, col: (header: string) => number) => void) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("LKE")!;
    const headers = Array.from(sheet.getRow(1).values as unknown[], (v) => (typeof v === "string" ? v : ""));
    const col = (header: string) => {
      const i = headers.findIndex((h) => h.startsWith(header));
      expect(i, header).toBeGreaterThan(0);
      return i;
    };
    const rowOf = (code: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((r) => {
        if (r.getCell(col("Kode Indikator")).value === code) found = r;
      });
      return found!;
    };
    edit(sheet, rowOf, col);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  /** Everything an import could change: the answers and the audit trail. */
  const snapshot = async () => ({
    answers: await t.database.db.select().from(answers).orderBy(asc(answers.id)),
    audit: (await t.database.db.select({ n: count() }).from(auditEvents))[0]!.n,
  });
  const expectProblem = async (data: Buffer, problem: Partial<Problem>) => {
    const before = await snapshot();
    const res = await importLke(id, data);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toBe("workbook_invalid");
    expect(res.json().details.problems).toEqual(expect.arrayContaining([expect.objectContaining(problem)]));
    expect(await snapshot()).toEqual(before);
  };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const s = async (role: Parameters<typeof makeUser>[1], code: string | null) => sessionFor(t.database, (await makeUser(t.database, role, code, null)).id);
    admin = await s("administrator", null);
    entri = await s("pelaksana_entri", "15.71");
    pimpinan = await s("pimpinan", "15.71");
    const schedule = { mandiri: { opens: "2024-01-01", closes: "2099-12-31" } };
    const created = await call(t.app, "POST", "/api/periods", admin, { name: "Evaluasi SPBE 2025 (LKE)", year: 2025, kind: "evaluasi", instrument: "permenpanrb-59-2020", schedule, agencies: ["15.71", "15.72"] });
    expect(created.statusCode).toBe(201);
    const pemdi = await call(t.app, "POST", "/api/periods", admin, { name: "Evaluasi Pemdi 2026 (LKE)", year: 2026, kind: "evaluasi", instrument: "pemdi-2026", schedule, agencies: ["15.71"] });
    expect(pemdi.statusCode).toBe(201);
    const periods = (await call(t.app, "GET", "/api/periods", admin)).json<{ periods: { id: number; assessments: { id: number; agencyCode: string }[] }[] }>().periods;
    const round = periods.find((p) => p.id === created.json<{ id: number }>().id)!;
    id = round.assessments.find((a) => a.agencyCode === "15.71")!.id;
    otherId = round.assessments.find((a) => a.agencyCode === "15.72")!.id;
    pemdiId = periods.find((p) => p.id === pemdi.json<{ id: number }>().id)!.assessments[0]!.id;
    for (let n = 1; n <= 10; n++) {
      const res = await call(t.app, "PUT", `/api/assessments/${id}/answers/${n}`, entri, { stage: "mandiri", version: 0, level: (n % 5) + 1, explanation: n % 2 ? `Penjelasan indikator ${n}` : null });
      expect(res.statusCode).toBe(200);
    }
  });
  afterAll(() => t.close());

  it("exports one row per indicator with the levels, a drop-down level column, a read-only criteria sheet and a hidden identity sheet", async () => {
    const res = await call(t.app, "GET", `/api/assessments/${id}/lke.xlsx`, pimpinan);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="lke-15.71-2025-${id}-mandiri.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([
      ["LKE", "visible"],
      ["Kriteria", "visible"],
      ["pandu", "veryHidden"],
    ]);
    const sheet = wb.getWorksheet("LKE")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "Kode Domain", "Domain", "Kode Aspek", "Aspek", "Kode Indikator", "Indikator", "Tingkat Mandiri", "Nama Tingkat", "Penjelasan Mandiri", "Bukti Dukung"]);
    expect(sheet.rowCount).toBe(48);
    const first = sheet.getRow(2);
    expect([first.getCell(1).value, first.getCell(3).value, first.getCell(5).value, first.getCell(7).value, first.getCell(9).value]).toEqual(["D1", "A1", "1", 2, "Penjelasan indikator 1"]);
    expect((first.getCell(8).value as { result: string }).result).toBe("Terkelola");
    expect(first.getCell(7).dataValidation).toMatchObject({ type: "list", formulae: ['"1,2,3,4,5"'] });
    expect(first.getCell(7).protection).toMatchObject({ locked: false });
    expect(sheet.getRow(48).getCell(7).value).toBeNull();
    expect(wb.getWorksheet("Kriteria")!.rowCount).toBe(1 + 47 * 5);
    const meta = wb.getWorksheet("pandu")!;
    expect(meta.getRow(1).values).toEqual([undefined, "format", "pandu-lke/1"]);
    expect(meta.getRow(2).values).toEqual([undefined, "assessmentId", id]);
  });

  it("export → import is an identity: no answer gets a new version, one import event is audited", async () => {
    const before = await snapshot();
    const res = await importLke(id, await exportLke(id));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ changed: [], rows: 47 });
    const after = await snapshot();
    expect(after.answers).toEqual(before.answers);
    expect(after.audit).toBe(before.audit + 1);
  });

  it("a changed level and a new explanation are imported as new answer versions, with their audit events", async () => {
    const data = await edited(await exportLke(id), (_sheet, rowOf, col) => {
      rowOf("3").getCell(col("Tingkat Mandiri")).value = 5;
      rowOf("12").getCell(col("Tingkat Mandiri")).value = 2;
      rowOf("12").getCell(col("Penjelasan")).value = "Diisi di Excel";
    });
    const res = await importLke(id, data);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ changed: ["3", "12"], rows: 47 });
    const rows = await t.database.db.select().from(answers).where(eq(answers.assessmentId, id));
    expect(rows.find((r) => r.indicatorCode === "3")).toMatchObject({ level: 5, version: 2 });
    expect(rows.find((r) => r.indicatorCode === "12")).toMatchObject({ level: 2, explanation: "Diisi di Excel", version: 1 });
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "assessment.lke_import"));
    expect(events.at(-1)!.changes.after).toMatchObject({ stage: "mandiri", changed: ["3", "12"], rows: 47 });
    // The import event and the answers' own events, written in one batch, keep the agency's chain intact.
    const saves = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, "answer.save"));
    expect(saves.slice(-2).map((e) => [e.targetId, e.seq - events.at(-1)!.seq])).toEqual([
      [`${id}/mandiri/3`, 1],
      [`${id}/mandiri/12`, 2],
    ]);
    expect(await verifyAudit(t.database.db)).toMatchObject({ ok: true, problems: [] });
  });

  it("every malformed cell is reported by sheet, row and column, and nothing is written", async () => {
    const data = await exportLke(id);
    const edit = (f: Parameters<typeof edited>[1]) => edited(data, f);
    await expectProblem(await edit((_s, rowOf, col) => (rowOf("4").getCell(col("Tingkat Mandiri")).value = "tiga")), { sheet: "LKE", row: 5, column: "G", code: "level_not_number" });
    await expectProblem(await edit((_s, rowOf, col) => (rowOf("4").getCell(col("Tingkat Mandiri")).value = 0)), { sheet: "LKE", row: 5, column: "G", code: "level_out_of_range" });
    await expectProblem(await edit((_s, rowOf, col) => (rowOf("4").getCell(col("Tingkat Mandiri")).value = 6)), { sheet: "LKE", row: 5, column: "G", code: "level_out_of_range" });
    await expectProblem(await edit((_s, rowOf, col) => (rowOf("4").getCell(col("Tingkat Mandiri")).value = 2.5)), { sheet: "LKE", row: 5, column: "G", code: "level_out_of_range" });
    await expectProblem(await edit((_s, rowOf, col) => (rowOf("4").getCell(col("Kode Indikator")).value = "99")), { sheet: "LKE", row: 5, column: "E", code: "unknown_indicator" });
    await expectProblem(await edit((_s, rowOf, col) => (rowOf("5").getCell(col("Kode Indikator")).value = "4")), { sheet: "LKE", row: 6, column: "E", code: "duplicate_indicator" });
    // Several problems at once, all listed; a good change elsewhere is not written either.
    const many = await edit((_s, rowOf, col) => {
      rowOf("1").getCell(col("Tingkat Mandiri")).value = 4;
      rowOf("6").getCell(col("Tingkat Mandiri")).value = "lima";
      rowOf("7").getCell(col("Tingkat Mandiri")).value = 9;
    });
    const before = await snapshot();
    const res = await importLke(id, many);
    expect(res.json().details.problems.map((p: Problem) => [p.row, p.code])).toEqual([
      [7, "level_not_number"],
      [8, "level_out_of_range"],
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("another assessment's workbook, a missing identity sheet, a closed stage and a stale answer are refused with nothing written", async () => {
    await expectProblem(await exportLke(otherId, admin), { sheet: "pandu", code: "wrong_assessment" });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("LKE").addRow(["Kode Indikator"]);
    await expectProblem(Buffer.from(await wb.xlsx.writeBuffer()), { sheet: "pandu", code: "missing_sheet" });

    // Exported in mandiri, imported once the stage moved on (by an administrator, who answers in dokumen).
    const mandiri = await exportLke(id);
    await t.database.db.update(assessments).set({ stage: "dokumen" }).where(eq(assessments.id, id));
    try {
      const before = await snapshot();
      const res = await importLke(id, mandiri, admin);
      expect(res.statusCode).toBe(400);
      expect(res.json().details.problems).toEqual([expect.objectContaining({ sheet: "pandu", row: 5, column: "B", code: "stage_closed" })]);
      expect(await snapshot()).toEqual(before);
      // The pelaksana entri may not answer in dokumen at all.
      expect((await importLke(id, mandiri)).statusCode).toBe(403);
    } finally {
      await t.database.db.update(assessments).set({ stage: "mandiri" }).where(eq(assessments.id, id));
    }

    // Someone saves indicator 1 after the export: the workbook's different value for it would undo that.
    const stale = await edited(await exportLke(id), (_s, rowOf, col) => {
      rowOf("1").getCell(col("Tingkat Mandiri")).value = 1;
      rowOf("2").getCell(col("Tingkat Mandiri")).value = 1;
    });
    const current = (await t.database.db.select().from(answers).where(eq(answers.assessmentId, id))).find((a) => a.indicatorCode === "1")!;
    expect((await call(t.app, "PUT", `/api/assessments/${id}/answers/1`, entri, { stage: "mandiri", version: current.version, level: 5 })).statusCode).toBe(200);
    const before = await snapshot();
    const res = await importLke(id, stale);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: "answers_changed", details: { indicators: ["1"] } });
    expect(await snapshot()).toEqual(before);
  });

  it("a ZIP bomb, a lying ZIP entry, a non-ZIP and a ZIP without a workbook are refused quickly with a clear error", async () => {
    const before = await snapshot();
    const bomb = zipOf([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(60 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    let res = await importLke(id, bomb);
    expect(res.json()).toMatchObject({ error: "workbook_too_large" });
    // Declares 1 KB, inflates to 60 MB: caught at the first byte past the declared size.
    res = await importLke(id, zipOf([{ name: "xl/workbook.xml", data: Buffer.alloc(60 * 1024 * 1024), declaredSize: 1024 }]));
    expect(res.json()).toMatchObject({ error: "workbook_too_large" });
    res = await importLke(id, zipOf(Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}.xml`, data: Buffer.from("x") }))));
    expect(res.json()).toMatchObject({ error: "workbook_too_large" });
    // Above the 10 MB upload limit: refused without parsing.
    res = await importLke(id, Buffer.alloc(10 * 1024 * 1024 + 1, 0x50));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: "workbook_too_large", details: { field: "file" } });
    res = await importLke(id, Buffer.from("Kode;Tingkat\n1;3\n"));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: "workbook_unreadable" });
    res = await importLke(id, zipOf([{ name: "hello.txt", data: Buffer.from("halo") }]));
    expect(res.statusCode).toBe(400);
    expect(["workbook_unreadable", "workbook_invalid"]).toContain(res.json().error);
    expect(await snapshot()).toEqual(before);
  });

  it("Pemdi 2026: decimal values round-trip, indicators valued from another index are read-only and skipped", async () => {
    expect((await call(t.app, "PUT", `/api/assessments/${pemdiId}/answers/1`, entri, { stage: "mandiri", version: 0, level: 1.26 })).statusCode).toBe(200);
    const data = await exportLke(pemdiId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("LKE")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "Kode Aspek", "Aspek", "Kode Indikator", "Indikator", "Tingkat Mandiri", "Nama Tingkat", "Penjelasan Mandiri", "Bukti Dukung"]);
    expect(sheet.getRow(2).getCell(5).value).toBe(1.26);
    expect(sheet.getRow(2).getCell(5).dataValidation).toMatchObject({ type: "decimal", formulae: [1, 5] });
    // Indicator 5 is valued from the Indeks SDI: locked, without a drop-down.
    const external = sheet.getRow(6);
    expect(external.getCell(3).value).toBe("5");
    expect(external.getCell(5).dataValidation).toBeUndefined();
    expect((await importLke(pemdiId, data)).json()).toEqual({ changed: [], rows: 16 });
    const changed = await edited(data, (_s, rowOf, col) => {
      rowOf("1").getCell(col("Tingkat Mandiri")).value = 2.5;
      rowOf("5").getCell(col("Tingkat Mandiri")).value = 4; // skipped
    });
    expect((await importLke(pemdiId, changed)).json()).toEqual({ changed: ["1"], rows: 16 });
    const rows = await t.database.db.select().from(answers).where(eq(answers.assessmentId, pemdiId));
    expect(rows.map((r) => [r.indicatorCode, r.level])).toEqual([["1", 2.5]]);
  });
});

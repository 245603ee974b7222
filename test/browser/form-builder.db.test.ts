import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { listAgencyServices } from "../../src/db/queries/public-services";
import { bundledFormFiles, readFormFile } from "../../src/lib/form-files";
import { citizenSessionFor, makeUser, TEST_PASSWORD } from "../helpers/accounts";
import { limit, seriousViolations, startDemoServer, type DemoServer } from "../helpers/browser";
import { runCli } from "../helpers/run-cli";
import { createPostgresTestDatabase, TEST_DB_KIND } from "../helpers/test-database";

// Issue #19 item 1: an officer builds a small form without writing JSON (a choice and a field shown
// only for one answer), sees a duplicate key named and fixes it, previews, saves, publishes after
// confirming, and a citizen gets the form from the service's "Ajukan online".
describe(`the form builder in Chromium on ${TEST_DB_KIND}`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pandu-form-builder-"));
  const env: Record<string, string> = { PANDU_DATA_DIR: dataDir, PANDU_DEMO: "true" };
  let drop: (() => Promise<void>) | undefined;
  let demo: DemoServer;
  let service = { id: 0, slug: "" };
  let petugas = "";
  let citizenCookie = "";

  beforeAll(async () => {
    if (TEST_DB_KIND === "postgres") {
      const created = await createPostgresTestDatabase();
      env.DATABASE_URL = created.url;
      drop = created.drop;
    }
    const seeded = runCli(["seed", "demo"], { env });
    expect(seeded.status, seeded.stderr).toBe(0);
    const database = await openDatabase(env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: path.resolve(dataDir) });
    try {
      const agencyId = (await agencyIdsByCode(database.db, ["15.71"])).get("15.71")!;
      // A demo service in force that no bundled form serves.
      const withForms = new Set(bundledFormFiles().map((f) => readFormFile(f).service));
      const s = (await listAgencyServices(database.db, agencyId)).find((x) => x.inForce !== null && !withForms.has(x.slug))!;
      service = { id: s.id, slug: s.slug };
      petugas = (await makeUser(database, "petugas_layanan", "15.71")).email;
      citizenCookie = (await citizenSessionFor(database)).cookie;
    } finally {
      await database.close();
    }
    demo = await startDemoServer("form-builder", env);
  }, limit(240_000));
  afterAll(async () => {
    expect(await demo?.stop()).toBe(0);
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("builds a form with a choice and a conditional field, fixes a duplicate key, previews, saves, publishes, and a citizen applies with it", async () => {
    const officer = await demo.signIn(petugas, TEST_PASSWORD);
    await officer.getByTestId("nav-forms").click();
    await officer.getByTestId(`forms-service-${service.slug}`).waitFor();
    expect(await seriousViolations(officer)).toEqual([]);
    await officer.getByTestId(`forms-new-blank-${service.slug}`).click();
    await officer.getByTestId("form-builder").waitFor();
    const formVersionId = Number(/\/formulir\/15\.71\/(\d+)\/ubah$/.exec(new URL(officer.url()).pathname)![1]);
    await officer.getByTestId("builder-valid").waitFor();

    // A choice "jenis_pemohon" (options ya / tidak by default) with its purpose.
    await officer.getByTestId("fb-root-add-type").selectOption("choice");
    await officer.getByTestId("fb-root-add").click();
    await officer.getByTestId("fb-fields-1-key").fill("jenis_pemohon");
    await officer.getByTestId("fb-fields-1-label-id").fill("Mengajukan atas nama badan usaha?");
    await officer.getByTestId("fb-fields-1-label-en").fill("Applying for a company?");
    // A data field without a purpose is a problem named at its path.
    expect(await officer.getByTestId("builder-problems").innerText()).toContain("fields[1]");
    await officer.getByTestId("fb-fields-1-purpose-id").fill("Menentukan isian berikutnya");
    await officer.getByTestId("fb-fields-1-purpose-en").fill("Decides the next fields");
    await officer.getByTestId("fb-fields-1-required").check();

    // A text field with the same key: the duplicate is named next to the field; the save waits.
    await officer.getByTestId("fb-root-add-type").selectOption("text");
    await officer.getByTestId("fb-root-add").click();
    await officer.getByTestId("fb-fields-2-key").fill("jenis_pemohon");
    await officer.getByTestId("fb-fields-2-purpose-id").fill("Identitas badan usaha");
    await officer.getByTestId("fb-fields-2-purpose-en").fill("Identity of the company");
    expect(await officer.getByTestId("fb-fields-2-problems").innerText()).toContain("fields[2].key");
    expect(await officer.getByTestId("fb-fields-2-problems").innerText()).toContain("kunci sudah dipakai");
    expect(await officer.getByTestId("builder-save").isDisabled()).toBe(true);
    await officer.getByTestId("fb-fields-2-key").fill("nama_badan");
    await officer.getByTestId("fb-fields-2-label-id").fill("Nama badan usaha");
    await officer.getByTestId("fb-fields-2-label-en").fill("Company name");
    // Shown only when jenis_pemohon = ya.
    await officer.getByTestId("fb-fields-2-when-field").selectOption("jenis_pemohon");
    await officer.getByTestId("fb-fields-2-when-value").fill("ya");
    await officer.getByTestId("builder-valid").waitFor();
    expect(await seriousViolations(officer)).toEqual([]);

    // The preview is the citizens' renderer: the company name appears only after "Ya".
    await officer.getByTestId("builder-view-preview").click();
    const preview = officer.getByTestId("builder-preview");
    await preview.getByTestId("answer-jenis_pemohon").waitFor();
    expect(await preview.getByTestId("answer-nama_badan").count()).toBe(0);
    await preview.getByLabel("Ya").check();
    await preview.getByTestId("answer-nama_badan").waitFor();

    // JSON view shows the definition a power user may edit.
    await officer.getByTestId("builder-view-json").click();
    expect(JSON.parse(await officer.getByTestId("builder-json").inputValue())).toMatchObject({ fields: [{ key: "nama_pemohon" }, { key: "jenis_pemohon", type: "choice" }, { key: "nama_badan", when: { field: "jenis_pemohon", equals: "ya" } }] });

    await officer.getByTestId("builder-save").click();
    await expect.poll(() => officer.getByTestId("builder-save-state").innerText()).toBe("Draf tersimpan.");

    // Publishing asks first and says what changes.
    await officer.getByRole("link", { name: "Kembali ke daftar formulir" }).click();
    const card = officer.getByTestId(`forms-service-${service.slug}`);
    await card.getByTestId(`form-version-${formVersionId}-publish`).click();
    expect(await card.getByTestId("form-publish-dialog").innerText()).toContain("permohonan baru");
    await card.getByTestId("form-publish-cancel").click();
    expect(await officer.getByTestId(`form-version-${formVersionId}-state`).innerText()).toBe("Draf");
    await officer.getByTestId(`form-version-${formVersionId}-publish`).click();
    await card.getByTestId("form-publish-confirm").click();
    await expect.poll(() => officer.getByTestId(`form-version-${formVersionId}-state`).innerText()).toBe("Terbit");
    expect(await officer.getByTestId(`form-version-${formVersionId}-publish`).count()).toBe(0);

    // A draft started by mistake is deleted, after a confirmation that says it cannot be undone.
    await card.getByTestId(`forms-new-from-published-${service.slug}`).click();
    await officer.getByTestId("form-builder").waitFor();
    const draftId = Number(/\/formulir\/15\.71\/(\d+)\/ubah$/.exec(new URL(officer.url()).pathname)![1]);
    await officer.getByRole("link", { name: "Kembali ke daftar formulir" }).click();
    await card.getByTestId(`form-version-${draftId}-delete`).click();
    expect(await card.getByTestId("form-delete-dialog").innerText()).toContain("tidak dapat dikembalikan");
    await card.getByTestId("form-delete-confirm").click();
    await expect.poll(() => officer.getByTestId(`form-version-${draftId}`).count()).toBe(0);
    expect(await officer.getByTestId(`form-version-${formVersionId}-state`).innerText()).toBe("Terbit");
    expect(await officer.getByTestId(`form-version-${formVersionId}-delete`).count()).toBe(0);
    await officer.close();

    // The citizen's "Ajukan online" now starts an application with this form, on a phone.
    const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const at = citizenCookie.indexOf("=");
    await context.addCookies([{ name: citizenCookie.slice(0, at), value: citizenCookie.slice(at + 1), url: demo.url }]);
    const phone = await context.newPage();
    await phone.goto(`${demo.url}/layanan/${service.id}`);
    await phone.getByTestId("apply-online-button").click();
    const form = phone.getByTestId("application-form");
    await form.getByTestId("answer-jenis_pemohon").waitFor();
    expect(await form.getByTestId("answer-nama_badan").count()).toBe(0);
    await form.getByLabel("Ya").check();
    await form.getByTestId("answer-nama_badan").waitFor();
    await context.close();
  }, limit(240_000));
});

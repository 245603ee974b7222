import SwaggerParser from "@apidevtools/swagger-parser";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import type { OpenAPIV3_1 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app";
import { TEST_DB_KIND } from "../helpers/test-database";

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

describe(`the API contract (/api/openapi.json, /api/docs) on ${TEST_DB_KIND}`, () => {
  let t: TestApp;
  let doc: OpenAPIV3_1.Document;
  const operations: { name: string; op: OpenAPIV3_1.OperationObject }[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    doc = res.json();
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of METHODS) {
        const op = item?.[method];
        if (op) operations.push({ name: `${method.toUpperCase()} ${path}`, op });
      }
    }
  });
  afterAll(() => t.close());

  it("is a valid OpenAPI 3.1 document in which every $ref resolves (a client can be generated from it)", async () => {
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
    // the recursive instrument tree is a named component, not a dangling schema0
    expect(doc.components?.schemas?.InstrumentNode).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain("schema0");
  });

  it("Redocly's recommended rules find no problem", async () => {
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "openapi.json", config: await createConfig({ extends: ["recommended"] }) });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ""}`)).toEqual([]);
  });

  it("every operation has a unique camelCase operationId and tags", () => {
    expect(operations.length).toBeGreaterThan(90);
    for (const { name, op } of operations) {
      expect(op.operationId, name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(op.tags?.length, name).toBeGreaterThan(0);
    }
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(operations.find(({ name }) => name === "GET /api/assessments/{id}")?.op.operationId).toBe("getAssessment");
  });

  it("every operation answers its errors (4xx and 5xx) with the shared error body { error, message, details }", async () => {
    const api = (await SwaggerParser.dereference(structuredClone(doc))) as OpenAPIV3_1.Document;
    const errorSchema = api.components?.schemas?.Error;
    expect(errorSchema?.required).toEqual(["error", "message"]);
    expect(Object.keys(errorSchema?.properties ?? {})).toEqual(["error", "message", "details"]);
    for (const [path, item] of Object.entries(api.paths ?? {})) {
      for (const method of METHODS) {
        const op = item?.[method];
        if (!op) continue;
        const name = `${method.toUpperCase()} ${path}`;
        const statuses = Object.keys(op.responses ?? {});
        expect(statuses.some((s) => s.startsWith("4")), name).toBe(true);
        expect(statuses.some((s) => s.startsWith("5")), name).toBe(true);
        for (const status of statuses.filter((s) => /^[45]/.test(s) && s !== "503")) {
          const response = op.responses?.[status] as OpenAPIV3_1.ResponseObject;
          expect(response.content?.["application/json"]?.schema, `${name} ${status}`).toBe(errorSchema);
        }
      }
    }
  });

  it("an error the server answers has the documented shape", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/agencies/99.99" });
    expect(res.statusCode).toBe(404);
    const errorCodes = (doc.components?.schemas?.Error as OpenAPIV3_1.SchemaObject).properties?.error as OpenAPIV3_1.SchemaObject;
    expect(errorCodes.enum).toContain(res.json().error);
    expect(Object.keys(res.json()).every((k) => ["error", "message", "details"].includes(k))).toBe(true);
  });

  it("/api/docs is an interactive reference served from this server (no CDN), allowed by its CSP", async () => {
    const page = await t.app.inject({ method: "GET", url: "/api/docs/" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    // every script and stylesheet is relative to this server, and each one is there
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      expect(asset, asset).not.toMatch(/^(https?:)?\/\//);
      const res = await t.app.inject({ method: "GET", url: new URL(asset, "http://pandu.test/api/docs/").pathname });
      expect(res.statusCode, asset).toBe(200);
    }
    expect(page.body).not.toMatch(/<script>(?!\s*<\/script>)/); // no inline script, which script-src 'self' would block
    const spec = await t.app.inject({ method: "GET", url: "/api/docs/json" });
    expect(spec.json().paths).toEqual(doc.paths);
  });
});

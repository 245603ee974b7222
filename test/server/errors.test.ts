import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { registerErrorHandler } from "../../src/server/errors";

/** The error handler's safety net: a race a command did not map still ends in 409, never 500. */
describe("error handler", () => {
  const appThrowing = async (err: unknown) => {
    const app = Fastify();
    registerErrorHandler(app);
    app.get("/x", async () => {
      throw err;
    });
    await app.ready();
    return app;
  };
  // drizzle wraps the driver's error (which carries the SQLSTATE) in `cause`.
  const dbError = (code: string) => Object.assign(new Error("Failed query: insert …"), { cause: Object.assign(new Error("duplicate key"), { code }) });

  it.each(["23505", "40001", "40P01"])("answers SQLSTATE %s as 409 conflict in the { error, message } shape", async (code) => {
    const app = await appThrowing(dbError(code));
    const res = await app.inject({ method: "GET", url: "/x" });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: "conflict", message: expect.stringContaining("reload"), details: { concurrent: true } });
    expect(res.body).not.toMatch(/insert|duplicate key/);
  });

  it("still answers any other database error as a bare 500", async () => {
    const res = await (await appThrowing(dbError("22P02"))).inject({ method: "GET", url: "/x" });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: "internal_error", message: "an unexpected error occurred" });
  });
});

import { request, type Method } from "./api";
import type { components, operations, paths } from "./apiSchema";

/*
 * The web client's view of the API contract: types generated from the server's OpenAPI document
 * (src/web/apiSchema.d.ts, `npm run gen:api`) instead of interfaces written by hand, and `api()`,
 * a call checked against them: the path must exist, the method must be one it answers, and the path
 * parameters, query and body must have the route's types; the answer has the route's 2xx type.
 * The answer is trusted as the server's zod schemas serialise it (they check every answer).
 */

type HttpMethod = "get" | "put" | "post" | "patch" | "delete";
type Json<R> = R extends { content: { "application/json": infer T } } ? T : undefined;
type SuccessStatus = 200 | 201 | 202 | 204;

/** The JSON body of a successful answer of an operation (its 2xx answers; undefined for a 204). */
export type SuccessOf<O> = O extends { responses: infer R } ? { [S in keyof R]: S extends SuccessStatus ? Json<R[S]> : never }[keyof R] : never;
/** The JSON request body of an operation. */
export type BodyOf<O> = O extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;
type ParamsOf<O, K extends "path" | "query"> = O extends { parameters: { [k in K]?: infer X } } ? X : never;

/** An operation's answer by its operationId, e.g. `ApiResponse<"getAssessment">`. */
export type ApiResponse<Id extends keyof operations> = SuccessOf<operations[Id]>;
/** An operation's request body by its operationId, e.g. `ApiBody<"postPeriods">`. */
export type ApiBody<Id extends keyof operations> = BodyOf<operations[Id]>;
/** The shared error body `{ error, message, details }` of every 4xx/5xx answer. */
export type ApiErrorBody = components["schemas"]["Error"];
/** Every error code the server may answer (src/server/error-codes.ts). */
export type ApiErrorCode = ApiErrorBody["error"];

/** The methods a path answers. */
export type MethodOf<P extends keyof paths> = { [M in HttpMethod]-?: [NonNullable<paths[P][M]>] extends [never] ? never : M }[HttpMethod];
type Operation<P extends keyof paths, M extends HttpMethod> = NonNullable<paths[P][M]>;

export interface CallOptions<O> {
  path?: ParamsOf<O, "path">;
  query?: ParamsOf<O, "query">;
  body?: BodyOf<O>;
  signal?: AbortSignal;
}

/** `/api/assessments/{id}` with `{ id: 7 }` → `/api/assessments/7` (each value URL-encoded), plus the query. */
export function apiUrl(template: string, path?: object, query?: object): string {
  const values = (path ?? {}) as Record<string, unknown>;
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null) throw new Error(`${template}: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, String(v));
  }
  const qs = search.toString();
  return qs ? `${url}?${qs}` : url;
}

/**
 * Calls an API route by its path template and method, typed by the contract:
 * `api("get", "/api/assessments/{id}", { path: { id } })` answers `ApiResponse<"getAssessment">`.
 * Failures are `ApiError`s as with `request` (which it uses: CSRF token, sign-out, 409 details).
 */
export async function api<P extends keyof paths, M extends MethodOf<P>>(method: M, path: P, options: CallOptions<Operation<P, M>> = {}): Promise<SuccessOf<Operation<P, M>>> {
  const url = apiUrl(path, options.path ?? undefined, options.query ?? undefined);
  return (await request(method.toUpperCase() as Method, url, options.body, options.signal)) as SuccessOf<Operation<P, M>>;
}

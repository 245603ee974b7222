import { multipartBody, samplePdf } from "../test/lib/evidence-fixtures";

/**
 * What one simulated user does once (the i-th time overall): the requests, timed per step (ms),
 * and whether every step answered as it should. Run by `bench/scenario-client.ts` in a child
 * process so that the load generator does not share the server's event loop.
 */
export type Step = (i: number) => Promise<{ ok: boolean; timings: Record<string, number>; failure?: string }>;

/** What a failed answer said (status and the start of the body), for the report. */
const failure = async (label: string, res: Response) => `${label}: ${res.status} ${(await res.text()).slice(0, 200)}`;

/** One timed request; the body is read so the time covers the whole answer. */
async function timed(timings: Record<string, number>, label: string, send: () => Promise<Response>): Promise<Response> {
  const s = performance.now();
  const res = await send();
  const buf = await res.arrayBuffer();
  timings[label] = performance.now() - s;
  return new Response(buf, { status: res.status, headers: res.headers });
}

export const SCENARIOS = {
  /** GET a random path of the list. */
  get: (a: { base: string; headers: Record<string, string>; paths: string[] }): Step => async () => {
    const timings: Record<string, number> = {};
    const res = await timed(timings, "request", () => fetch(`${a.base}${a.paths[Math.floor(Math.random() * a.paths.length)]!}`, { headers: a.headers }));
    return res.ok ? { ok: true, timings } : { ok: false, timings, failure: await failure("get", res) };
  },

  /** A respondent answers a public SKM survey from a fresh device. */
  skmSubmit: (a: { base: string; surveyId: number; devicePrefix: string }): Step => {
    const answers = { U1: 4, U2: 3, U3: 3, U4: 4, U5: 3, U6: 4, U7: 4, U8: 3, U9: 2 };
    return async (i) => {
      const timings: Record<string, number> = {};
      const body = JSON.stringify({ answers, sex: "P", deviceToken: `${a.devicePrefix}-${String(i).padStart(8, "0")}` });
      const res = await timed(timings, "submit", () => fetch(`${a.base}/api/public/surveys/${a.surveyId}/responses`, { method: "POST", headers: { "content-type": "application/json" }, body }));
      return res.status === 201 ? { ok: true, timings } : { ok: false, timings, failure: await failure("submit", res) };
    };
  },

  /** A signed-in citizen applies: starts a draft, uploads a PDF, submits (citizen = i mod the list). */
  applicationSubmit: (a: { base: string; citizens: Record<string, string>[]; serviceId: number }): Step => async (i) => {
    const who = a.citizens[i % a.citizens.length]!;
    const timings: Record<string, number> = {};
    const r1 = await timed(timings, "start", () => fetch(`${a.base}/api/citizen/applications`, { method: "POST", headers: { ...who, "content-type": "application/json" }, body: JSON.stringify({ serviceId: a.serviceId }) }));
    if (!r1.ok) return { ok: false, timings, failure: await failure("start", r1) };
    const { id } = (await r1.json()) as { id: string };
    const { body, contentType } = multipartBody({ field: "berkas" }, { name: "syarat.pdf", contentType: "application/pdf", data: samplePdf() });
    const r2 = await timed(timings, "upload", () => fetch(`${a.base}/api/citizen/applications/${id}/files`, { method: "POST", headers: { ...who, "content-type": contentType }, body: new Uint8Array(body) }));
    if (!r2.ok) return { ok: false, timings, failure: await failure("upload", r2) };
    const file = (await r2.json()) as Record<string, unknown>;
    const r3 = await timed(timings, "submit", () => fetch(`${a.base}/api/citizen/applications/${id}/submit`, { method: "POST", headers: { ...who, "content-type": "application/json" }, body: JSON.stringify({ data: { nama: "Warga Uji", berkas: file } }) }));
    return r3.status === 201 ? { ok: true, timings } : { ok: false, timings, failure: await failure("submit", r3) };
  },
} satisfies Record<string, (args: never) => Step>;

export type ScenarioName = keyof typeof SCENARIOS;
export type ScenarioArgs<N extends ScenarioName> = Parameters<(typeof SCENARIOS)[N]>[0];

import Fastify from "fastify";
import { median } from "./stats";

/** p-th percentile (0–100) of a list. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** `total` calls of `request(i)` from `concurrency` parallel clients in this process; latency statistics in milliseconds. */
export async function drive(concurrency: number, total: number, request: (i: number) => Promise<Response>) {
  const latencies: number[] = [];
  let issued = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < total) {
        const i = issued++;
        const s = performance.now();
        const res = await request(i);
        await res.arrayBuffer();
        if (!res.ok) errors++;
        latencies.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { p50: median(latencies), p95: percentile(latencies, 95), p99: percentile(latencies, 99), rps: latencies.length / seconds, errors };
}

/** A bare Fastify hello-world on a free loopback port: the baseline benches measure beside their route. */
export async function startHelloWorld(): Promise<{ url: string; close: () => Promise<void> }> {
  const bare = Fastify();
  bare.get("/hello", async () => ({ hello: "world" }));
  await bare.listen({ port: 0, host: "127.0.0.1" });
  return { url: `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`, close: () => bare.close() };
}

import Fastify from "fastify";

/** p-th percentile (0–100) of a list. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** A bare Fastify hello-world on a free loopback port: the baseline benches measure beside their route. */
export async function startHelloWorld(): Promise<{ url: string; close: () => Promise<void> }> {
  const bare = Fastify();
  bare.get("/hello", async () => ({ hello: "world" }));
  await bare.listen({ port: 0, host: "127.0.0.1" });
  return { url: `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`, close: () => bare.close() };
}

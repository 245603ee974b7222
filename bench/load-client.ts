// A load generator in its own process (so it does not share the server's event loop):
// `node --import tsx bench/load-client.ts` with PANDU_LOAD = JSON { base, headers, paths, concurrency, total }.
// Requests random paths from the list and prints the latency statistics as JSON on stdout.
import { load } from "./load";

const spec = JSON.parse(process.env.PANDU_LOAD ?? "{}") as { base: string; headers: Record<string, string>; paths: string[]; concurrency: number; total: number };
const pick = () => spec.paths[Math.floor(Math.random() * spec.paths.length)]!;
const stats = await load(() => `${spec.base}${pick()}`, spec.headers, spec.concurrency, spec.total);
process.stdout.write(JSON.stringify(stats));

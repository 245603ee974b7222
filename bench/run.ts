// `npm run bench [-- scoring|restart|startup|workspace|upload|evidence-zip|roadmap|dashboards|http|http-auth|open-data|ikm|lhe|lke|skm|service-dashboard|applications]`: benchmarks, kept apart from the tests. Each reports a
// median and a ratio against a baseline measured in the same run; results go into BENCHMARKS.md.
import os from "node:os";
import { benchDashboards } from "./dashboards.bench";
import { benchHttp } from "./http.bench";
import { benchIkm } from "./ikm.bench";
import { benchOpenData } from "./open-data.bench";
import { benchRestart } from "./restart.bench";
import { benchRoadmap } from "./roadmap.bench";
import { benchScoring } from "./scoring.bench";
import { benchStartup } from "./startup.bench";
import { benchWorkspace } from "./workspace.bench";
import { benchUpload } from "./upload.bench";
import { benchEvidenceZip } from "./evidence-zip.bench";
import { benchLhe } from "./lhe.bench";
import { benchLke } from "./lke.bench";
import { benchSkm } from "./skm.bench";
import { benchApplications } from "./applications.bench";
import { benchServiceDashboard } from "./service-dashboard.bench";

const which = new Set(process.argv.slice(2));
const all = which.size === 0;
console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
if (all || which.has("scoring")) benchScoring();
if (all || which.has("restart")) await benchRestart();
if (all || which.has("startup")) await benchStartup();
if (all || which.has("workspace")) await benchWorkspace();
if (all || which.has("roadmap")) benchRoadmap();
if (all || which.has("ikm")) benchIkm();
if (all || which.has("upload")) await benchUpload();
if (all || which.has("evidence-zip")) await benchEvidenceZip();
if (all || which.has("dashboards")) await benchDashboards();
if (all || which.has("http")) await benchHttp();
// Only the authenticated reads (PostgreSQL), beside the same baselines: `npm run bench -- http-auth`.
if (which.has("http-auth")) await benchHttp(3000, { onlyAuthenticated: true });
if (all || which.has("open-data")) await benchOpenData();
if (all || which.has("lhe")) await benchLhe();
if (all || which.has("lke")) await benchLke();
if (all || which.has("skm")) await benchSkm();
// `npm run bench -- applications` (PostgreSQL; PANDU_BENCH_APPLICATIONS sets the number of synthetic applications, default 1,000,000).
if (which.has("applications")) await benchApplications();
if (all || which.has("service-dashboard")) await benchServiceDashboard();

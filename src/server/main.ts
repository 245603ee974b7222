import cluster from "node:cluster";
import type { AddressInfo } from "node:net";
import { openDatabase, type Database } from "../db/client";
import { isSeeded, seedDemo } from "../db/commands/seed-demo";
import { DEFAULT_THROTTLE } from "../db/commands/login-throttle";
import { describeStartupError } from "../startup/describe-startup-error";
import { VERSION } from "../lib/version";
import { createMailer } from "../lib/mailer";
import { createEvidenceStorage } from "../lib/storage";
import { sweepEvidenceLeftovers, sweepTempFiles } from "../db/commands/evidence-sweep";
import { pruneNotifications } from "../db/commands/notifications-prune";
import { buildApp } from "./app";
import { createSecretBox, loadOrCreateSecretKey, secretKeyFingerprint } from "../lib/secret-box";
import { sealPlainTotpSecrets } from "../db/commands/two-factor";
import { loadConfig, type Config } from "../config/config";
import { superviseWorkers, workerSlot } from "./workers";
import { demoBanner, writeDemoAccounts } from "../lib/demo-accounts";
import { startInstance } from "./server-instance";
import { startPeriodicJobs } from "./periodic-jobs";
import { runComplaintAutoClose, runComplaintReminders, runComplaintRetention } from "./features/complaints/complaint-jobs";
import { pruneDocumentJobs } from "../db/commands/document-jobs";
import { runApplicationAutoActions, runApplicationRetention } from "./features/applications/application-jobs";
import type { SecretBox } from "../lib/secret-box";

/** The demo account to try first: the one with the most waiting on its home page. */
const FIRST_DEMO_ACCOUNT = "koordinator.spbe@demo.pandu.local";

/** The address to open in a browser for a server listening on `host`:`port`. */
function browserUrl(host: string, port: number): string {
  const name = host === "0.0.0.0" || host === "::" || host === "127.0.0.1" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

const openConfigured = (config: Config) => openDatabase(config.database.kind === "postgres" ? { ...config.database } : { kind: "pglite", dataDir: config.database.dataDir });

/**
 * What happens once per start, before any request: migrations (in `openDatabase`), the first-run
 * seed with its demo passwords, the secret key file, and encrypting TOTP secrets stored before
 * encryption existed. With several worker processes the primary does this alone, then forks.
 */
async function prepare(config: Config, database: Database): Promise<{ secretBox: SecretBox; resealed: number; demoFile: string | null }> {
  let demoFile: string | null = null;
  // Under the start-up lock: of several instances starting together on one database, the first seeds
  // and the others, waiting, then find it seeded.
  await database.withStartupLock(async () => {
    if (await isSeeded(database.db)) return;
    const report = await seedDemo(database.db, { demoUsers: config.demo });
    process.stdout.write(`Data awal dimuat / seeded: ${report.agencies} instansi, ${report.results} hasil resmi.\n`);
    // The one-time passwords go to a file only the owner reads, not to a console that scrolls away.
    if (report.credentials.length) demoFile = writeDemoAccounts(config.dataDir, report.credentials);
  });
  const secretBox = createSecretBox(loadOrCreateSecretKey(config.secretKey, config.dataDir));
  return { secretBox, resealed: await sealPlainTotpSecrets(database.db, secretBox), demoFile };
}

function reportStartupError(e: unknown, config: Config | undefined): void {
  const line = describeStartupError(e, {
    port: config?.port,
    dataDir: config?.database.kind === "pglite" ? config.database.dataDir : undefined,
    databaseUrl: config?.database.kind === "postgres" ? config.database.url : undefined,
  });
  if (line) process.stderr.write(`pandu: ${line}\n`);
  else process.stderr.write(`pandu: failed to start: ${(e as Error)?.message ?? String(e)}\n`);
}

async function main(): Promise<void> {
  let config: Config | undefined;
  let database: Database | undefined;
  try {
    config = loadConfig();
    const t0 = performance.now();
    database = await openConfigured(config);
    if (config.workers > 1 && cluster.isPrimary) {
      const { demoFile } = await prepare(config, database);
      await database.close();
      database = undefined;
      superviseWorkers(config.workers);
      if (demoFile) process.stdout.write(demoBanner(browserUrl(config.host, config.port), demoFile, FIRST_DEMO_ACCOUNT));
      return;
    }
    // A single process prepares itself; a worker finds everything prepared by the primary and only reads the key file.
    const worker = workerSlot();
    const { secretBox, resealed, demoFile } = worker === null ? await prepare(config, database) : { secretBox: createSecretBox(loadOrCreateSecretKey(config.secretKey, config.dataDir)), resealed: 0, demoFile: null };
    const storage = createEvidenceStorage({ dataDir: config.dataDir, s3: config.evidence.s3 });
    // This process as a live instance (heartbeat); chunk leases of a process that died are released.
    const logTo: { app?: { log: { warn(o: object, m: string): void } } } = {};
    const instance = await startInstance(database, (err) => logTo.app?.log.warn({ err }, "instance heartbeat failed"));
    const app = await buildApp({
      context: {
        database,
        version: VERSION,
        auth: { sessions: config.sessions, throttle: DEFAULT_THROTTLE },
        mailer: config.smtp ? createMailer(config.smtp.url, config.smtp.from, config.smtp.publicUrl) : null,
        storage,
        evidenceMaxBytes: config.evidence.maxBytes,
        publicCacheMs: config.publicCacheMs,
        publicUrl: config.publicUrl,
        documentNumberPattern: config.documentNumberPattern,
        holidaysDir: config.holidaysDir,
        secretBox,
        instanceId: instance.id,
        documentJobPollMs: 5000,
        secretKeyFingerprint: secretKeyFingerprint(loadOrCreateSecretKey(config.secretKey, config.dataDir)),
        demo: config.demo,
        citizenSignIn: { oidc: config.citizenOidc },
        staffOidc: config.staffOidc,
      },
      logger: { level: config.logLevel },
      trustProxy: config.trustProxy,
    });
    logTo.app = app;
    await app.listen({ port: config.port, host: config.host });
    app.log.info({ db: database.kind, startupMs: Math.round(performance.now() - t0), ...(worker === null ? {} : { worker }) }, "Pandu SPBE ready");
    // To a parent with an IPC channel (the worker supervisor, the tests): ready, on this port (PORT=0 lets the system pick).
    process.send?.({ pandu: "ready", port: (app.server.address() as AddressInfo).port });
    if (instance.released) app.log.info({ uploads: instance.released }, "released the chunk leases of server processes that stopped");
    if (resealed) app.log.info({ users: resealed }, "encrypted two-factor secrets stored before encryption existed");
    // Last on the console of a first demo start: where to go and where the passwords are.
    if (demoFile) {
      const banner = demoBanner(browserUrl(config.host, (app.server.address() as AddressInfo).port), demoFile, FIRST_DEMO_ACCOUNT);
      // A moment after the start-up log lines (the logger writes them asynchronously), so the banner stays last.
      setTimeout(() => process.stdout.write(banner), 250);
    }
    // Periodic jobs, once per cluster and period (an hour): whichever instance claims the period in
    // `job_runs` runs the job (src/server/periodic-jobs.ts); at start-up, then every period.
    const jobContext = { database, holidaysDir: config.holidaysDir, mailer: config.smtp ? createMailer(config.smtp.url, config.smtp.from, config.smtp.publicUrl) : null };
    const stopJobs = startPeriodicJobs({
      db: database.db,
      instanceId: instance.id,
      intervalMs: config.jobIntervalMs,
      jobs: [
        {
          name: "evidence-sweep",
          run: async () => {
            const r = await sweepEvidenceLeftovers(storage, database!.db, { tempFiles: false });
            if (r.blobs || r.resumable) app.log.info({ evidence: storage.kind, ...r }, "removed evidence upload leftovers");
          },
        },
        {
          name: "document-jobs-prune",
          run: async () => {
            const n = await pruneDocumentJobs(database!.db, 7);
            if (n) app.log.info({ documentJobs: n }, "removed finished document jobs older than a week");
          },
        },
        {
          name: "complaint-reminders",
          run: async () => {
            const r = await runComplaintReminders(jobContext, new Date());
            if (r.dueSoon || r.breached) app.log.info(r, "sent complaint reminders");
          },
        },
        {
          name: "complaint-auto-close",
          run: async () => {
            const n = await runComplaintAutoClose(jobContext, new Date());
            if (n) app.log.info({ complaints: n }, "closed answered complaints the reporter left unanswered");
          },
        },
        {
          name: "complaint-retention",
          run: async () => {
            const n = await runComplaintRetention(jobContext, new Date());
            if (n) app.log.info({ complaints: n }, "removed complaint personal data past its retention");
          },
        },
        {
          name: "notifications-prune",
          run: async () => {
            const n = await pruneNotifications(database!.db);
            if (n) app.log.info({ notifications: n }, "removed notifications past their retention");
          },
        },
        {
          name: "application-auto-actions",
          run: async () => {
            const r = await runApplicationAutoActions(jobContext, new Date());
            if (r.acted) app.log.info(r, "took automatic workflow actions on applications");
          },
        },
        {
          name: "application-retention",
          run: async () => {
            const r = await runApplicationRetention(jobContext, storage, new Date());
            if (r.applications) app.log.info(r, "erased application data past its retention");
          },
        },
      ],
      onRun: (job, periodStart) => app.log.info({ job, periodStart: periodStart.toISOString(), instance: instance.id }, "periodic job ran"),
      onError: (job, err) => app.log.warn({ err, job }, "periodic job failed"),
    });
    // This machine's staging directory (one-shot uploads cut short by a crash), in every process.
    const sweepTemp = () =>
      void sweepTempFiles(storage).then(
        (n) => (n ? app.log.info({ tempFiles: n }, "removed evidence upload leftovers") : undefined),
        (err) => app.log.warn({ err }, "evidence temporary files sweep failed"),
      );
    sweepTemp();
    const tempSweeper = setInterval(sweepTemp, 60 * 60 * 1000).unref();

    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      app.log.info({ signal }, "shutting down: finishing in-flight requests");
      const force = setTimeout(() => process.exit(1), 10_000).unref();
      try {
        clearInterval(tempSweeper);
        await app.close();
        await stopJobs();
        await instance.stop();
        storage.close?.();
        await database!.close();
      } finally {
        clearTimeout(force);
        process.exit(0);
      }
    };
    process.once("SIGTERM", () => void stop("SIGTERM"));
    process.once("SIGINT", () => void stop("SIGINT"));
  } catch (e) {
    await database?.close().catch(() => {});
    reportStartupError(e, config);
    process.exit(1);
  }
}

void main();

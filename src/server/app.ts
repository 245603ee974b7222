import path from "node:path";
import { fileURLToPath } from "node:url";
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from "fastify";
import helmet from "@fastify/helmet";
import cookie from "@fastify/cookie";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { AppContext } from "./context";
import { registerErrorHandler } from "./errors";
import { retryReadsOfIdempotentRequests } from "./database-unavailable";
import { registerTextGuard } from "./text-guard";
import { markPublicRoutes, requireAccessDeclarations } from "./access";
import { registerOpenApi } from "./plugins/openapi";
import { registerSpa } from "./plugins/spa";
import { registerRateLimit } from "./plugins/rate-limit";
import { healthRoutes } from "./features/health/health.routes";
import { agencyRoutes } from "./features/agencies/agencies.routes";
import { publicResultRoutes } from "./features/public-results/public-results.routes";
import { siteRoutes } from "./features/site/site.routes";
import { instrumentRoutes } from "./features/instruments/instruments.routes";
import { authRoutes } from "./features/auth/auth.routes";
import { twoFactorRoutes } from "./features/auth/two-factor.routes";
import { passwordResetRoutes } from "./features/auth/password-reset.routes";
import { tokenRoutes } from "./features/tokens/tokens.routes";
import { userRoutes } from "./features/users/users.routes";
import { auditRoutes } from "./features/audit/audit.routes";
import { letterheadRoutes } from "./features/agencies/letterhead.routes";
import { serviceRoutes } from "./features/public-services/services.routes";
import { publicServiceRoutes } from "./features/public-services/public-services.routes";
import { skmRoutes } from "./features/skm/skm.routes";
import { serviceDashboardRoutes } from "./features/service-dashboard/service-dashboard.routes";
import { skmReportRoutes } from "./features/skm/skm-report.routes";
import { publicSkmRoutes } from "./features/skm/public-skm.routes";
import { complaintRoutes } from "./features/complaints/complaints.routes";
import { unitRoutes } from "./features/units/units.routes";
import { assessmentRoutes } from "./features/assessments/assessments.routes";
import { evidenceRoutes } from "./features/evidence/evidence.routes";
import { cockpitRoutes } from "./features/cockpit/cockpit.routes";
import { nationalRoutes } from "./features/national/national.routes";
import { planningRoutes } from "./features/planning/planning.routes";
import { clarificationRoutes } from "./features/clarifications/clarifications.routes";
import { notificationRoutes } from "./features/notifications/notifications.routes";
import { fieldNoteRoutes } from "./features/field-notes/field-notes.routes";
import { stageScheduleRoutes } from "./features/stage-schedule/stage-schedule.routes";
import { backupRoutes } from "./features/backup/backup.routes";
import { taskRoutes } from "./features/tasks/tasks.routes";
import { documentVerificationRoutes } from "./features/documents/verify.routes";
import { officialReportRoutes } from "./features/documents/official-reports.routes";
import { createDocumentJobQueue, type DocumentJobQueue } from "./features/documents/document-jobs";
import { registerAuthentication } from "./auth/authenticate";
import { registerCitizenAuthentication } from "./citizens/citizen-auth";
import { citizenSessionRoutes } from "./features/citizens/citizen-session.routes";
import { citizenApplicationRoutes } from "./features/applications/citizen-applications.routes";
import { officerApplicationRoutes } from "./features/applications/officer-applications.routes";
import { citizenSignInRoutes } from "./features/citizens/citizen-sign-in.routes";
import { staffOidcRoutes } from "./features/auth/staff-oidc.routes";
import { staffOidcIdentityRoutes } from "./features/auth/staff-oidc-identities.routes";

export const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/web");

declare module "fastify" {
  interface FastifyInstance {
    /** The background producer of official documents (tests await `idle()` instead of sleeping). */
    documentJobs: DocumentJobQueue;
  }
}

export interface BuildAppOptions {
  context: AppContext;
  logger?: FastifyServerOptions["logger"];
  trustProxy?: boolean | string;
  /** Built SPA to serve; tests that only hit the API may leave it out. */
  webDir?: string | null;
  /** Called with "METHOD /url" for every route registered (the authorization matrix test uses it). */
  onRoute?: (route: string) => void;
}

/** Fastify's request logging with "incoming request" and "request completed" at debug (errors stay at error). */
class RequestLinesAtDebug extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, "incoming request");
  }
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply);
    if (!this.isLogDisabled(request)) reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, "request completed");
  }
}

/** Assembles the HTTP server: validation, errors, security headers, API features and the SPA. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
    forceCloseConnections: "idle",
    // Per-request lines at debug: at the default level `info` they would bury the start-up banner.
    logController: new RequestLinesAtDebug(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.addHook("onRequest", retryReadsOfIdempotentRequests);
  registerTextGuard(app);
  if (options.onRoute) {
    const report = options.onRoute;
    app.addHook("onRoute", (r) => {
      for (const m of ([] as string[]).concat(r.method)) if (m !== "HEAD") report(`${m} ${r.url}`);
    });
  }
  requireAccessDeclarations(app);
  markPublicRoutes(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", "data:"], styleSrc: ["'self'", "'unsafe-inline'"], scriptSrc: ["'self'"] },
    },
  });
  await app.register(cookie);
  await registerRateLimit(app);
  registerAuthentication(app, options.context.database, options.context.auth.sessions, options.context.auth.now);
  registerCitizenAuthentication(app, options.context.database, options.context.auth.sessions, options.context.auth.now);
  await registerOpenApi(app, options.context.version);
  await app.register(healthRoutes(options.context));
  await app.register(agencyRoutes(options.context));
  await app.register(publicResultRoutes(options.context));
  await app.register(siteRoutes(options.context));
  await app.register(instrumentRoutes(options.context));
  await app.register(authRoutes(options.context));
  await app.register(citizenSessionRoutes(options.context));
  await app.register(citizenSignInRoutes(options.context));
  await app.register(staffOidcRoutes(options.context));
  await app.register(staffOidcIdentityRoutes(options.context));
  await app.register(twoFactorRoutes(options.context));
  await app.register(passwordResetRoutes(options.context));
  await app.register(tokenRoutes(options.context));
  await app.register(userRoutes(options.context));
  await app.register(auditRoutes(options.context));
  await app.register(unitRoutes(options.context));
  await app.register(letterheadRoutes(options.context));
  await app.register(serviceRoutes(options.context));
  await app.register(publicServiceRoutes(options.context));
  await app.register(skmRoutes(options.context));
  await app.register(publicSkmRoutes(options.context));
  await app.register(serviceDashboardRoutes(options.context));
  await app.register(skmReportRoutes(options.context));
  await app.register(complaintRoutes(options.context));
  await app.register(assessmentRoutes(options.context));
  await app.register(evidenceRoutes(options.context));
  await app.register(planningRoutes(options.context));
  await app.register(cockpitRoutes(options.context));
  await app.register(nationalRoutes(options.context));
  await app.register(clarificationRoutes(options.context));
  await app.register(notificationRoutes(options.context));
  await app.register(fieldNoteRoutes(options.context));
  await app.register(stageScheduleRoutes(options.context));
  await app.register(backupRoutes(options.context));
  await app.register(taskRoutes(options.context));
  await app.register(documentVerificationRoutes(options.context));
  await app.register(citizenApplicationRoutes(options.context));
  await app.register(officerApplicationRoutes(options.context));
  // Long official PDFs are produced by the in-process document job queue (also reachable as app.documentJobs).
  const documentJobs = createDocumentJobQueue(options.context, app.log);
  app.decorate("documentJobs", documentJobs);
  app.addHook("onClose", () => documentJobs.close());
  await app.register(officialReportRoutes(options.context, documentJobs));
  const webDir = options.webDir === undefined ? DEFAULT_WEB_DIR : options.webDir;
  if (webDir) await registerSpa(app, webDir);
  return app;
}

import type { AppContext } from "../context";
import type { CitizenRow } from "../../db/queries/citizens";
import { citizenAccountExport } from "../../db/queries/citizen-export";
import { citizenApplicationsExport } from "../../db/queries/applications";
import { citizenComplaints } from "../../db/queries/complaints";

/**
 * The citizen's export of their own data (UU 27/2022, `GET /api/citizen/me/export`): one JSON object
 * with a key per section. Each feature that keeps data about citizens adds ONE section here
 * (applications, complaints, notifications …): a key and a function reading only this citizen's rows
 * through db/queries. A section never returns secrets (hashes, tokens) nor other people's data.
 */
export interface CitizenExportSection {
  /** The key in the export (stable, lower_snake_case). */
  key: string;
  /** What the section holds, in Bahasa Indonesia and English (written into the export). */
  description: { id: string; en: string };
  collect(ctx: AppContext, citizen: CitizenRow): Promise<unknown>;
}

export const CITIZEN_EXPORT_SECTIONS: CitizenExportSection[] = [
  {
    key: "account",
    description: { id: "Akun, sesi masuk dan kode masuk yang masih berlaku", en: "Account, sign-in sessions and a pending sign-in code" },
    collect: (ctx, citizen) => citizenAccountExport(ctx.database.db, citizen.id),
  },
  {
    key: "applications",
    description: { id: "Permohonan layanan daring beserta isian, berkas (metadata), riwayat dan pemberitahuan", en: "Online service applications with their answers, files (metadata), history and notices" },
    collect: (ctx, citizen) => citizenApplicationsExport(ctx.database.db, citizen.id),
  },
  {
    key: "complaints",
    description: { id: "Pengaduan yang diajukan saat masuk sebagai warga", en: "Complaints filed while signed in as a citizen" },
    collect: async (ctx, citizen) =>
      (await citizenComplaints(ctx.database.db, citizen.id)).map(({ complaint: c, serviceName, agencyName, transitions }) => ({
        trackingNumber: c.trackingNumber,
        agency: agencyName,
        service: serviceName,
        category: c.category,
        title: c.title,
        description: c.description,
        location: c.location,
        anonymous: c.anonymous,
        confidential: c.confidential,
        reporter: { name: c.reporterName, email: c.reporterEmail, phone: c.reporterPhone },
        state: c.state,
        answer: c.answer,
        filedAt: c.createdAt.toISOString(),
        retainUntil: c.retainUntil,
        // The history without the officers' identities (their role only).
        history: transitions.map((t) => ({ action: t.action, from: t.fromState, to: t.toState, role: t.actorRole, at: t.at.toISOString(), reason: t.reason })),
      })),
  },
];

/** Runs every section for one citizen. */
export async function exportCitizenData(ctx: AppContext, citizen: CitizenRow, at: Date): Promise<Record<string, unknown>> {
  const sections: Record<string, unknown> = {};
  for (const s of CITIZEN_EXPORT_SECTIONS) sections[s.key] = { description: s.description, data: await s.collect(ctx, citizen) };
  return { format: "pandu-citizen-export/1", exportedAt: at.toISOString(), citizenId: citizen.id, sections };
}

import { eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, complaints, publicServices } from "../schema";
import { isoDayNumber, isoFromDayNumber, officerRolesOf, type WorkflowDefinition } from "../../core";
import { sha256Hex } from "../../lib/secure-token";
import { actOnComplaint, fileComplaint } from "./complaints";
import { DEMO_SERVICE_MARK } from "./seed-demo-services";

/** The check value of every demo complaint (DATA DEMO): try /pengaduan/lacak with ADU-DEMO15710001 and this. */
export const DEMO_COMPLAINT_CHECK = "DEMO22";

interface DemoComplaint {
  n: number;
  daysAgo: number;
  category: string;
  title: string;
  description: string;
  confidential?: boolean;
  anonymous?: boolean;
  /** Actions after filing, in order (by an officer unless the reporter's). */
  steps: string[];
}

const LIST: DemoComplaint[] = [
  { n: 1, daysAgo: 0, category: "waktu", title: "Antrean perekaman KTP-el terlalu lama", description: "Saya mengantre lebih dari tiga jam untuk perekaman KTP-el dan nomor antrean tidak jelas.", steps: [] },
  { n: 2, daysAgo: 8, category: "biaya", title: "Diminta biaya untuk surat keterangan", description: "Petugas meminta uang administrasi padahal di standar pelayanan tertulis gratis.", confidential: true, steps: [] },
  { n: 3, daysAgo: 4, category: "informasi", title: "Persyaratan di situs berbeda dengan di loket", description: "Persyaratan yang tertulis di situs web berbeda dengan yang diminta petugas loket.", steps: ["verify", "claim"] },
  { n: 4, daysAgo: 9, category: "sarana", title: "Ruang tunggu tanpa kursi prioritas", description: "Tidak ada kursi prioritas untuk lansia dan ibu hamil di ruang tunggu layanan.", anonymous: true, steps: ["verify", "post_answer"] },
  { n: 5, daysAgo: 20, category: "petugas", title: "Petugas loket tidak ramah", description: "Petugas loket berbicara dengan nada tinggi saat saya bertanya tentang berkas.", steps: ["verify", "post_answer", "accept_answer"] },
];

/**
 * Demo complaints (DATA DEMO) for Provinsi Jambi (15) and Kota Jambi (15.71) in several states —
 * new, past its verification deadline, in follow-up, answered, finished — filed `daysAgo` days before
 * `today` through the workflow engine, so every screen shows something. Tracking numbers are fixed
 * (ADU-DEMO<agency digits><n>); the check value is DEMO_COMPLAINT_CHECK. Skipped when present.
 */
export async function seedDemoComplaints(db: Db, def: WorkflowDefinition, today: string): Promise<number> {
  const found = await db.select({ id: agencies.id, code: agencies.code }).from(agencies).where(inArray(agencies.code, ["15", "15.71"]));
  const ctx = { actorUserId: null, actorLabel: "seed:demo", ip: null, userAgent: null };
  const officer = { id: "demo:petugas", roles: officerRolesOf(def, ["petugas_layanan", "pejabat_layanan"]) };
  let added = 0;
  for (const agency of found) {
    const [service] = await db.select({ id: publicServices.id }).from(publicServices).where(eq(publicServices.agencyId, agency.id)).limit(1);
    for (const c of LIST) {
      const trackingNumber = `ADU-DEMO${agency.code.replace(".", "").padEnd(4, "0")}${String(c.n).padStart(4, "0")}`;
      const [exists] = await db.select({ id: complaints.id }).from(complaints).where(eq(complaints.trackingNumber, trackingNumber));
      if (exists) continue;
      const filedOn = isoFromDayNumber(isoDayNumber(today) - c.daysAgo);
      const at = (hour: number) => new Date(`${filedOn}T${String(hour).padStart(2, "0")}:00:00+07:00`);
      const { id } = await fileComplaint(
        db,
        ctx,
        def,
        {
          agencyId: agency.id,
          serviceId: service?.id ?? null,
          category: c.category,
          title: `${c.title} (${DEMO_SERVICE_MARK})`,
          description: c.description,
          location: null,
          channel: "web",
          anonymous: c.anonymous ?? false,
          confidential: c.confidential ?? false,
          reporterName: c.anonymous ? null : `Warga Demo ${c.n}`,
          reporterEmail: c.anonymous ? null : `warga.demo.${c.n}@example.id`,
          reporterPhone: null,
          citizenId: null,
          trackingNumber,
          checkHash: sha256Hex(DEMO_COMPLAINT_CHECK),
          filedOn,
          attachments: [],
        },
        at(8),
      );
      for (const [i, action] of c.steps.entries()) {
        const byReporter = action === "accept_answer";
        const stepAt = new Date(at(9).getTime() + (i + 1) * 24 * 3_600_000);
        await actOnComplaint(
          db,
          ctx,
          def,
          {
            complaintId: id,
            agencyId: agency.id,
            actor: byReporter ? { id: "pelapor", roles: ["pelapor"] } : officer,
            userId: null,
            action,
            answer: action === "post_answer" ? `Terima kasih atas pengaduan Anda. Kami telah menindaklanjuti: ${c.title.toLowerCase()} sudah diperbaiki. (${DEMO_SERVICE_MARK})` : undefined,
          },
          stepAt,
        );
      }
      added++;
    }
  }
  return added;
}

import type { CitizenRow } from "../../../db/queries/citizens";
import type { AppContext } from "../../context";

const SUBJECT: Record<string, string> = {
  submitted: "Permohonan Anda telah diterima",
  request_correction: "Permohonan Anda perlu diperbaiki",
  approve: "Permohonan Anda disetujui",
  reject: "Permohonan Anda ditolak",
};

/**
 * Tells the citizen outside the app, after the change is committed: an e-mail through the mailer
 * when SMTP is configured, and an SMS/WhatsApp notice through the deployment's MessageSender when
 * one is configured and the citizen left a phone number. A failed notice is logged, never fails the
 * request (the in-app notification was written with the change itself).
 */
export async function notifyCitizenOutside(ctx: AppContext, citizen: Pick<CitizenRow, "email" | "phone">, notice: { kind: string; trackingNumber: string | null; serviceName: string; check?: string; reason?: string | null }): Promise<void> {
  const subject = SUBJECT[notice.kind];
  if (!subject) return;
  const lines = [
    `${subject}.`,
    `Layanan: ${notice.serviceName}`,
    `Nomor pelacakan: ${notice.trackingNumber ?? "-"}`,
    ...(notice.check ? [`Kode cek: ${notice.check} (simpan; diperlukan untuk melacak tanpa masuk)`] : []),
    ...(notice.reason ? [`Keterangan petugas: ${notice.reason}`] : []),
  ];
  const jobs: Promise<void>[] = [];
  if (ctx.mailer && citizen.email) jobs.push(ctx.mailer.send({ to: citizen.email, subject: `${subject} (${notice.trackingNumber ?? ""})`, text: `${lines.join("\n")}\n\nLacak: ${ctx.mailer.publicUrl}/lacak\n` }));
  if (ctx.messageSender && citizen.phone) jobs.push(ctx.messageSender.send({ to: citizen.phone, text: lines.slice(0, 3).join(" ") }));
  const results = await Promise.allSettled(jobs);
  for (const r of results) if (r.status === "rejected") console.error("citizen notice failed:", (r.reason as Error)?.message ?? r.reason);
}

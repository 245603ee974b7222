import type { FastifyInstance } from "fastify";
import type { Database } from "../../src/db/client";
import { createService } from "../../src/db/commands/public-services";
import { loadFormVersions } from "../../src/db/commands/applications";
import { agencyIdsByCode } from "../../src/db/queries/agency-ids";
import { bundledFormFiles, readFormFile } from "../../src/lib/form-files";
import { multipartBody } from "../lib/evidence-fixtures";

const SYSTEM = { actorUserId: null, actorLabel: "test", ip: null, userAgent: null };

/**
 * The Kota Jambi "Surat Keterangan Domisili Usaha" service (15.71) with the bundled forms loaded, as
 * the application tests use it. Answers its catalogue id.
 */
export async function domisiliService(database: Database): Promise<number> {
  const agencyId = (await agencyIdsByCode(database.db, ["15.71"])).get("15.71")!;
  const { id } = await createService(database.db, SYSTEM, agencyId, { slug: "domisili-usaha", name: "Surat Keterangan Domisili Usaha", summary: "", sector: "perizinan", unitId: null, onlineUrl: null, atMpp: false, atOffice: true, feeRupiah: 0 });
  await loadFormVersions(database.db, bundledFormFiles().map(readFormFile));
  return id;
}

/** Valid answers of the domisili-usaha form (rented premises), with the given file answers. */
export const domisiliAnswers = (files: { ktp: unknown; sewa: unknown; foto: unknown }) => ({
  nama: "Siti Aminah",
  tanggal_lahir: "1990-05-17",
  nik: "1571015705900002",
  telepon: "0812-7400-1234",
  alamat: { province: "15", regency: "1571", district: "157101", village: "1571011001", street: "Jl. Sultan Thaha No. 5, RT 03" },
  scan_ktp: files.ktp,
  nama_usaha: "Warung Siti",
  bidang_usaha: "kuliner",
  jumlah_pekerja: 2,
  lokasi_usaha: { province: "15", regency: "1571", district: "157102", village: "1571021003", street: "Jl. Gatot Subroto No. 12" },
  status_tempat: "sewa",
  perjanjian_sewa: files.sewa,
  foto_lokasi: files.foto,
});

/** Attaches a file to a citizen's application field (multipart, as the page sends it). */
export function attachFile(app: FastifyInstance, who: { cookie: string; csrf: string }, id: string, field: string, file: { name: string; contentType: string; data: Buffer }) {
  const { body, contentType } = multipartBody({ field }, file);
  return app.inject({ method: "POST", url: `/api/citizen/applications/${id}/files`, headers: { cookie: who.cookie, "x-csrf-token": who.csrf, "content-type": contentType }, payload: body });
}

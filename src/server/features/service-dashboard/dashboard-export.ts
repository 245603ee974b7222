import { fixZipEntryTimes } from "../../../lib/zip-fixed-time";
import type { Figures } from "./service-dashboard.presenter";
import type { ServiceDashboardData } from "./load-service-dashboard";

const COLUMNS = [
  "Kelompok",
  "Kode",
  "Nama",
  "Survei",
  "Responden",
  "IKM",
  "Mutu",
  "Minimum responden",
  "Memenuhi minimum",
  "Pengaduan masuk",
  "Pengaduan selesai",
  "Selesai tepat waktu",
  "Kepatuhan SLA pengaduan (%)",
  "Pengaduan terbuka",
  "Pengaduan terlambat",
  "Permohonan masuk",
  "Permohonan selesai",
  "Selesai tepat waktu",
  "Kepatuhan SLA permohonan (%)",
  "Median hari proses",
  "Permohonan terbuka",
  "Permohonan terlambat",
];

const yesNo = (v: boolean | null) => (v === null ? "" : v ? "ya" : "belum");

function row(kind: string, key: string, name: string, f: Figures): unknown[] {
  const s = f.surveys;
  const c = f.complaints;
  const a = f.applications;
  return [kind, key, name, s.surveys, s.respondents, s.ikm ?? "", s.mutu ?? "", s.minimumRespondents ?? "", yesNo(s.enough), c.received, c.closed, c.closedWithinDeadline, c.slaCompliance ?? "", c.open, c.overdue, a.submitted, a.closed, a.closedOnTime, a.slaCompliance ?? "", a.medianDays ?? "", a.open, a.overdue];
}

/** The dashboard's tables as rows: a heading naming the agency, year and day, then one row per group, then the trend. */
export function dashboardRows(d: ServiceDashboardData): unknown[][] {
  const rows: unknown[][] = [
    ["Dasbor layanan publik", d.agency.name, `Tahun ${d.year}`, `Per tanggal ${d.asOf}`, "Dibuat oleh Pandu"],
    COLUMNS,
    row("Instansi", d.agency.code, d.agency.name, d.agency.figures),
    ...d.agency.byService.map((g) => row("Layanan", g.key, g.name, g.figures)),
    ...d.agency.byUnit.map((g) => row("Unit", g.key, g.name, g.figures)),
  ];
  if (d.province) {
    rows.push(row("Provinsi (gabungan)", d.province.code, d.province.name, d.province.figures));
    rows.push(...d.province.byAgency.map((g) => row("Instansi di provinsi", g.key, g.name, g.figures)));
  }
  rows.push([], ["Periode", "Responden", "IKM", "Mutu", "Memenuhi minimum", "Pengaduan", "Permohonan"]);
  for (const t of d.agency.trend) rows.push([t.period, t.respondents, t.ikm ?? "", t.mutu ?? "", yesNo(t.enough), t.complaints, t.applications]);
  return rows;
}

/**
 * The dashboard's tables as a workbook (the file "Simpan sebagai bukti" stores; the evidence
 * library takes XLSX, not CSV). Document and ZIP entry dates are the figures' day, so the same
 * figures on the same day give the same bytes and saving twice deduplicates.
 */
export async function dashboardWorkbook(d: ServiceDashboardData): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  const day = new Date(`${d.asOf}T00:00:00Z`);
  wb.creator = "Pandu SPBE";
  wb.created = day;
  wb.modified = day;
  const sheet = wb.addWorksheet("Dasbor layanan");
  for (const r of dashboardRows(d)) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(2).font = { bold: true };
  sheet.getColumn(3).width = 40;
  return fixZipEntryTimes(Buffer.from(await wb.xlsx.writeBuffer()));
}

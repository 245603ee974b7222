import { missingForInForce, PUBLIC_COMPONENT_KEYS, SERVICE_COMPONENT_KEYS, type ServiceSector } from "../../../core";
import type { PublicServiceRow, ServiceRow, ServiceVersionRow } from "../../../db/queries/public-services";
import type { PublicService } from "./public-services.schema";
import { writeCsv } from "../../../lib/csv-write";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A service as its agency's officers see it in the list. */
export function presentServiceSummary(r: ServiceRow) {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    summary: r.summary,
    sector: r.sector as ServiceSector,
    unit: r.unitId !== null && r.unitName !== null ? { id: r.unitId, name: r.unitName } : null,
    onlineUrl: r.onlineUrl,
    atMpp: r.atMpp,
    atOffice: r.atOffice,
    feeRupiah: r.feeRupiah,
    complaintRetentionDays: r.complaintRetentionDays,
    inForce: r.inForce,
    draftVersion: r.draftVersion,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** One version of a standard with all fourteen components (officers of the agency only). */
export function presentVersion(v: ServiceVersionRow) {
  return {
    ...(Object.fromEntries(SERVICE_COMPONENT_KEYS.map((k) => [k, v[k]])) as Record<(typeof SERVICE_COMPONENT_KEYS)[number], string>),
    version: v.version,
    status: v.status as "draft" | "in_force" | "replaced",
    decreeNumber: v.decreeNumber,
    decreeDate: v.decreeDate,
    inForceAt: iso(v.inForceAt),
    replacedAt: iso(v.replacedAt),
    updatedAt: v.updatedAt.toISOString(),
    missing: v.status === "draft" ? missingForInForce(v) : [],
  };
}

/** A service in the public catalogue: the catalogue fields and the six public components of the version in force, nothing else. */
export function presentPublicService(r: PublicServiceRow): PublicService {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    summary: r.summary,
    sector: r.sector as ServiceSector,
    agency: { code: r.agencyCode, name: r.agencyName, category: r.category, provinceCode: r.provinceCode },
    unit: r.unitName,
    channels: { online: r.onlineUrl, mpp: r.atMpp, office: r.atOffice },
    feeRupiah: r.feeRupiah,
    complaintRetentionDays: r.complaintRetentionDays,
    standard: {
      version: r.version,
      decreeNumber: r.decreeNumber,
      decreeDate: r.decreeDate,
      inForceSince: iso(r.inForceAt),
      components: Object.fromEntries(PUBLIC_COMPONENT_KEYS.map((k) => [k, r[k]])) as PublicService["standard"]["components"],
    },
  };
}

/** The open-data CSV columns (stable English names, one row per service). */
const CSV_COLUMNS = [
  "id", "agency_code", "agency_name", "province_code", "name", "summary", "sector", "unit", "online_url", "at_mpp", "at_office", "fee_rupiah",
  "standard_version", "decree_number", "decree_date", ...PUBLIC_COMPONENT_KEYS.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)),
];

/** The public catalogue as CSV (formula cells neutralised by writeCsv). */
export function publicServicesCsv(services: PublicService[]): string {
  const rows = services.map((s) => [
    s.id, s.agency.code, s.agency.name, s.agency.provinceCode ?? "", s.name, s.summary, s.sector, s.unit ?? "", s.channels.online ?? "", s.channels.mpp, s.channels.office, s.feeRupiah ?? "",
    s.standard.version, s.standard.decreeNumber ?? "", s.standard.decreeDate ?? "", ...PUBLIC_COMPONENT_KEYS.map((k) => s.standard.components[k]),
  ]);
  return writeCsv([CSV_COLUMNS, ...rows]);
}

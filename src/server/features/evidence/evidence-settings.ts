import path from "node:path";
import type { AppContext } from "../../context";
import { DEFAULT_DATA_DIR, DEFAULT_EVIDENCE_MAX_MB } from "../../../config/config";
import { LocalEvidenceStorage, type EvidenceStorage } from "../../../lib/storage";

/**
 * The evidence store and size limit of this app. main.ts passes the configured ones; an app built
 * without them (tests, embedding) keeps files under `<PANDU_DATA_DIR or ./data>/evidence`, the
 * same place the default configuration uses, and accepts files up to 50 MB.
 */
export function evidenceSettingsOf(ctx: AppContext): { storage: EvidenceStorage; maxBytes: number } {
  return {
    storage: ctx.storage ?? new LocalEvidenceStorage(path.resolve(process.env.PANDU_DATA_DIR || DEFAULT_DATA_DIR, "evidence")),
    maxBytes: ctx.evidenceMaxBytes ?? DEFAULT_EVIDENCE_MAX_MB * 1024 * 1024,
  };
}

/** Today's date in Indonesia's western time zone (YYYY-MM-DD), for the age of review dates. */
export function todayInIndonesia(now = new Date()): string {
  return JAKARTA_DAY.format(now);
}
// Built once: a formatter costs far more to create than to use (it ran on every workspace request).
const JAKARTA_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit", day: "2-digit" });

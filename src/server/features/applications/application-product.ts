import { DEFAULT_DOCUMENT_NUMBER_PATTERN } from "../../../core/documents/document-number";
import { letterheadOf } from "../../../db/queries/letterhead";
import { documentKindCode } from "../../../core/documents/document-kinds";
import { isDataField, type FormDefinition, type FormField } from "../../../core";
import type { AuditContext } from "../../../db/audit/record-audit";
import { findIssuedDocument, issueDocumentOnce, type DocumentIdentity } from "../../../db/commands/issue-document";
import { setApplicationProduct } from "../../../db/commands/applications";
import { applicationByIdForProduct } from "../../../db/queries/application-product";
import { unsignedDocumentSigner } from "../../../lib/document-signer";
import { renderServiceProduct, type ServiceProductData } from "../../../lib/pdf/service-product-pdf";
import type { AppContext } from "../../context";

export const PRODUCT_KIND = "produk-layanan";

const text = (v: unknown): string => {
  if (v === null || v === undefined) return "-";
  if (Array.isArray(v)) return v.map(text).join("; ");
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.name === "string" && "ref" in o) return `berkas: ${o.name}`;
    return Object.values(o).map(text).filter((x) => x !== "-").join(", ");
  }
  return String(v);
};

/** Label/value lines of the answers in form order (sections and empty answers left out). */
export function answerLines(form: FormDefinition, data: Record<string, unknown>): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const walk = (fields: readonly FormField[], values: Record<string, unknown>, prefix: string) => {
    for (const f of fields) {
      if (f.type === "section") continue;
      const v = values[f.key];
      if (v === undefined || v === null || v === "") continue;
      if (f.type === "group") {
        const items = Array.isArray(v) ? v : [v];
        items.forEach((it, i) => walk(f.fields, (it ?? {}) as Record<string, unknown>, `${prefix}${f.label.id}${items.length > 1 ? ` ${i + 1}` : ""} – `));
      } else if (isDataField(f)) {
        const opt = f.type === "choice" ? f.options : null;
        const shown = opt ? (Array.isArray(v) ? v : [v]).map((x) => opt.find((o) => o.value === x)?.label.id ?? String(x)).join(", ") : text(v);
        out.push({ label: `${prefix}${f.label.id}`, value: shown });
      }
    }
  };
  walk(form.fields, data, "");
  return out;
}

async function dataOf(ctx: AppContext, applicationId: string) {
  const found = await applicationByIdForProduct(ctx.database.db, applicationId);
  if (!found) return undefined;
  const form = found.definition as FormDefinition;
  const base = {
    // The agency's own kop surat (logo, address, seat), as on every official document it issues.
    letterhead: await letterheadOf(ctx.database.db, found.agencyId),
    title: form.title.id,
    serviceName: found.serviceName,
    trackingNumber: found.trackingNumber ?? "",
    answers: answerLines(form, found.data as Record<string, unknown>),
    signer: { title: "Pejabat yang berwenang", name: null, nip: null },
  };
  return { found, base };
}

const render = (base: Omit<ServiceProductData, "document" | "issuedAt">, identity: { number: string; verifyUrl: string }, issuedAt: Date) => renderServiceProduct({ ...base, issuedAt, document: identity });

/**
 * Issues the product of an approved application once (document kind `produk-layanan`, numbered by
 * the pattern, registered with its SHA-256 for /verifikasi) and links it to the application. The
 * signer (BSrE boundary) gets the rendered bytes; the default leaves them unsigned.
 */
export async function issueProduct(ctx: AppContext, audit: AuditContext, applicationId: string, origin: string): Promise<string | undefined> {
  const d = await dataOf(ctx, applicationId);
  if (!d) return undefined;
  const issuedAt = d.found.closedAt ?? new Date();
  const signer = ctx.documentSigner ?? unsignedDocumentSigner;
  const issued = await issueDocumentOnce(ctx.database.db, audit, {
    kind: PRODUCT_KIND,
    kindCode: documentKindCode(PRODUCT_KIND),
    assessmentId: null,
    subjectKey: `application:${applicationId}`,
    agencyId: d.found.agencyId,
    agencyCode: d.found.agencyCode,
    title: `${d.base.title} (${d.base.trackingNumber})`,
    subjectAt: issuedAt,
    pattern: ctx.documentNumberPattern ?? DEFAULT_DOCUMENT_NUMBER_PATTERN,
    verifyUrlOf: (id) => `${origin}/verifikasi/${id}`,
    render: async (identity: DocumentIdentity) => (await signer.sign(await render(d.base, { number: identity.number, verifyUrl: identity.snapshot.verifyUrl }, issuedAt), { documentId: identity.id, number: identity.number, signerUserId: audit.actorUserId })).pdf,
  });
  await setApplicationProduct(ctx.database.db, applicationId, issued.document.id);
  return issued.document.id;
}

/** The product's bytes, rendered again from the identity frozen at its issue (the registered hash). */
export async function productPdfFor(ctx: AppContext, applicationId: string): Promise<Buffer | undefined> {
  const d = await dataOf(ctx, applicationId);
  if (!d) return undefined;
  const doc = await findIssuedDocument(ctx.database.db, PRODUCT_KIND, { agencyId: d.found.agencyId, subjectKey: `application:${applicationId}` });
  if (!doc) return undefined;
  return render(d.base, { number: doc.number, verifyUrl: doc.snapshot.verifyUrl }, doc.subjectAt);
}

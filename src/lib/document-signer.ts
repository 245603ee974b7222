/**
 * The boundary to an electronic signature service (BSrE / a TTE provider). Pandu renders the PDF and
 * hands its bytes to the signer; the signer answers the signed bytes. Pandu never holds signing keys,
 * passphrases or certificates: a real implementation calls the provider's API, where the official
 * authorises the signature (the passphrase is typed on the provider's side or passed through per
 * request, never stored). The default signs nothing and says so, and the verification QR works either way.
 */
export interface DocumentSigner {
  readonly kind: string;
  sign(pdf: Buffer, meta: { documentId: string; number: string; signerUserId: number | null }): Promise<{ pdf: Buffer; signed: boolean }>;
}

/** The default: the product is issued unsigned (its QR still verifies it against the register). */
export const unsignedDocumentSigner: DocumentSigner = {
  kind: "unsigned",
  async sign(pdf) {
    return { pdf, signed: false };
  },
};

import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

const ISSUER = "Pandu SPBE";

/** A new random TOTP secret (base32, 160 bits). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string) {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI an authenticator app reads, and the same as a QR code (PNG data URL). */
export async function totpEnrolment(secret: string, email: string): Promise<{ uri: string; qrDataUrl: string }> {
  const uri = totp(secret, email).toString();
  return { uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

/** Whether a 6-digit code is valid now (one 30-second step of clock drift either way). */
export function verifyTotp(secret: string, code: string): boolean {
  return totp(secret, "x").validate({ token: code, window: 1 }) !== null;
}

/** The current code (tests and the CLI only). */
export function currentTotp(secret: string): string {
  return totp(secret, "x").generate();
}

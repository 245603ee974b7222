import { Secret, TOTP } from "otpauth";

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
  // qrcode is loaded with the first enrolment, not at start-up.
  const { default: QRCode } = await import("qrcode");
  return { uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

/**
 * The 30-second step a 6-digit code belongs to if it is valid now (one step of clock drift either
 * way), or null. Callers refuse a step at or below the last one used, so a code works only once.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = totp(secret, "x").validate({ token: code, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

/** Whether a code is valid now and newer than the last step used. */
export function acceptTotp(secret: string, code: string, lastStep: number | null): number | null {
  const step = totpStep(secret, code);
  return step !== null && (lastStep === null || step > lastStep) ? step : null;
}

/** The code at a moment (default now); for tests. */
export function currentTotp(secret: string, timestamp = Date.now()): string {
  return totp(secret, "x").generate({ timestamp });
}

import { z } from "zod";

/**
 * The honeypot of the public forms (survey answers, complaints, citizen sign-in): a field named
 * `website` that the page hides from people (off-screen, `aria-hidden`, `tabindex=-1`,
 * `autocomplete=off`) and that naive scripts fill in. Add `honeypotField` to a public body schema and
 * call `caughtByHoneypot(body)`: when it is true, answer as if the submission was accepted but store
 * nothing, so the script learns nothing. No third-party CAPTCHA is called.
 */
export const HONEYPOT_FIELD = "website";

export const honeypotField = { [HONEYPOT_FIELD]: z.string().max(500).optional() } as const;

export function caughtByHoneypot(body: { [HONEYPOT_FIELD]?: string | undefined }): boolean {
  return typeof body[HONEYPOT_FIELD] === "string" && body[HONEYPOT_FIELD].trim() !== "";
}

/**
 * A same-site path to go back to after signing in: "/x…" but never "//host", "/\host", anything
 * with a scheme or a control character, nor longer than 500 characters; otherwise the fallback.
 * The server checks a provider sign-in's `returnTo` with it, the sign-in page its `?returnTo=`.
 */
export function safeReturnTo(value: string | null | undefined, fallback: string): string {
  if (!value || value.length > 500) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  if ([...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return fallback;
  return value;
}

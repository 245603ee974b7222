import * as oidc from "openid-client";
import type { Database } from "../../db/client";
import type { OidcProviderConfig } from "../../config/config";
import { saveOidcState, takeOidcState } from "../../db/commands/citizen-sign-in";
import { sha256Hex } from "../../lib/secure-token";

/**
 * The relying-party side of OpenID Connect sign-in (citizens: INApas or any provider; staff: SSO),
 * on `openid-client`: authorization code flow with PKCE (S256), state and nonce. The state, verifier
 * and nonce are kept in `oidc_sign_in_states` (state hashed), so any server instance can finish a
 * flow another began; a state is taken once and lives 10 minutes.
 */
export const OIDC_STATE_LIFETIME_MS = 10 * 60_000;

/** Why a sign-in through the provider was refused: the error code the SPA shows. */
export type OidcRefusal = "oidc_state_invalid" | "oidc_state_expired" | "oidc_failed";

export class OidcRefused extends Error {
  constructor(
    readonly code: OidcRefusal,
    message: string,
  ) {
    super(message);
  }
}

const configurations = new Map<string, Promise<oidc.Configuration>>();

/** Plain http is allowed only for a provider on this machine (tests, a local development provider). */
function isLocalHttp(issuer: URL): boolean {
  return issuer.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname);
}

/** The provider's discovered configuration, fetched once per issuer and client (again after a failure). */
function configurationOf(p: OidcProviderConfig): Promise<oidc.Configuration> {
  const key = `${p.issuer}\n${p.clientId}`;
  let c = configurations.get(key);
  if (!c) {
    const issuer = new URL(p.issuer);
    c = oidc.discovery(issuer, p.clientId, undefined, p.clientSecret ? oidc.ClientSecretBasic(p.clientSecret) : oidc.None(), {
      execute: isLocalHttp(issuer) ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
    c.catch(() => configurations.delete(key));
    configurations.set(key, c);
  }
  return c;
}

/** Starts a sign-in: stores state, PKCE verifier and nonce, returns the provider's authorization URL. */
export async function beginOidcSignIn(
  database: Database,
  p: OidcProviderConfig,
  input: { audience: "citizen" | "staff"; redirectUri: string; returnTo: string; now: Date },
): Promise<string> {
  const config = await configurationOf(p);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  await saveOidcState(database.db, { stateHash: sha256Hex(state), audience: input.audience, codeVerifier, nonce, returnTo: input.returnTo, now: input.now, lifetimeMs: OIDC_STATE_LIFETIME_MS });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: p.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return url.href;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/**
 * Finishes a sign-in from the provider's redirect (its query string): takes the state (unknown or
 * already used → `oidc_state_invalid`, past 10 minutes → `oidc_state_expired`), then lets
 * openid-client check the response, redeem the code with the PKCE verifier and verify the ID token
 * (signature, issuer, audience, nonce); any failure or a provider error → `oidc_failed`.
 */
export async function finishOidcSignIn(
  database: Database,
  p: OidcProviderConfig,
  input: { audience: "citizen" | "staff"; redirectUri: string; query: string; now: Date },
): Promise<{ identity: OidcIdentity; returnTo: string }> {
  const params = new URLSearchParams(input.query);
  const state = params.get("state");
  if (!state) throw new OidcRefused("oidc_state_invalid", "the provider's answer carries no state");
  const saved = await takeOidcState(database.db, sha256Hex(state));
  if (!saved || saved.audience !== input.audience) throw new OidcRefused("oidc_state_invalid", "unknown or already used sign-in state");
  if (saved.expiresAt.getTime() <= input.now.getTime()) throw new OidcRefused("oidc_state_expired", "the sign-in took longer than 10 minutes; start again");
  if (params.get("error")) throw new OidcRefused("oidc_failed", `the provider refused: ${params.get("error")}`);
  try {
    const config = await configurationOf(p);
    const current = new URL(input.redirectUri);
    current.search = params.toString();
    const tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: saved.codeVerifier, expectedState: state, expectedNonce: saved.nonce, idTokenExpected: true });
    const claims = tokens.claims()!;
    let info: Record<string, unknown> = { ...claims };
    if (claims.email === undefined && tokens.access_token) info = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), ...info };
    const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : null);
    return {
      identity: {
        issuer: claims.iss,
        subject: claims.sub,
        email: str(info.email),
        emailVerified: info.email_verified === true,
        name: str(info.name),
      },
      returnTo: saved.returnTo,
    };
  } catch (e) {
    throw new OidcRefused("oidc_failed", `the sign-in could not be verified: ${(e as Error).message}`);
  }
}

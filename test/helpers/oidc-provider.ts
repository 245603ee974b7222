import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestAccount {
  sub: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by subject; add before signing in ("login" in the dev form = the subject). */
  accounts: Map<string, TestAccount>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`, its development login and consent forms) on a free
 * port of 127.0.0.1, with one confidential client whose redirect URIs are given. PKCE is required.
 */
export async function startTestOidcProvider(redirectUris: string[]): Promise<TestOidcProvider> {
  const accounts = new Map<string, TestAccount>();
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "pandu-test";
  const clientSecret = "rahasia-klien-uji-yang-cukup-panjang-0123456789";
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, grant_types: ["authorization_code"], response_types: ["code"] }],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ["kunci-cookie-uji"] },
    findAccount: async (_ctx, sub) => {
      const a: TestAccount = accounts.get(sub) ?? { sub };
      return {
        accountId: sub,
        claims: async () => ({ sub, ...(a.email ? { email: a.email, email_verified: a.emailVerified ?? true } : {}), ...(a.name ? { name: a.name } : {}) }),
      };
    },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * Walks the provider's development login and consent forms over HTTP (a cookie jar, following
 * redirects) from an authorization URL until the provider redirects to `redirectPrefix`; returns that URL.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, redirectPrefix: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  let url = authorizationUrl;
  let body: URLSearchParams | null = null;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(redirectPrefix)) return url;
    const res: Response = await fetch(url, {
      method: body ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: cookieHeader(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: body ?? undefined,
    });
    remember(res);
    body = null;
    const location = res.headers.get("location");
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected provider page ${res.status}: ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    body = new URLSearchParams(prompt === "login" ? { prompt, login, password: "apa-saja" } : { prompt });
  }
  throw new Error("the provider never redirected back");
}

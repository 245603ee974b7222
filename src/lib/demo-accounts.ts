import fs from "node:fs";
import path from "node:path";

/** The file in the data directory that keeps the demo accounts' one-time passwords. */
export const DEMO_ACCOUNTS_FILE = "demo-accounts.txt";

/** One demo account as the first start creates it. */
export interface DemoAccountLine {
  email: string;
  role: string;
  password: string;
}

/**
 * Writes the demo accounts (role, e-mail, one-time password) to `<dataDir>/demo-accounts.txt`,
 * readable by the owner only (0600, also when the file already existed). Returns its path.
 */
export function writeDemoAccounts(dataDir: string, accounts: readonly DemoAccountLine[]): string {
  const file = path.join(dataDir, DEMO_ACCOUNTS_FILE);
  const lines = accounts.map((c) => `  ${c.role.padEnd(22)} ${c.email.padEnd(42)} ${c.password}`);
  const text = [
    "Akun demo Pandu SPBE / Pandu SPBE demo accounts",
    "Kata sandi sekali pakai: ganti setelah masuk (Profil). / One-time passwords: change them after signing in (Profile).",
    "",
    ...lines,
    "",
  ].join("\n");
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

/** The short closing banner of a first demo start: where to go, whom to try first, where the passwords are. */
export function demoBanner(url: string, file: string, firstAccount: string): string {
  const rule = "=".repeat(72);
  return [
    "",
    rule,
    `  Pandu SPBE (DEMO) siap / ready: ${url}`,
    `  Coba dulu / try first: ${firstAccount} (Koordinator SPBE Kota Jambi)`,
    `  Kata sandi akun demo / demo passwords: ${file}`,
    rule,
    "",
  ].join("\n");
}

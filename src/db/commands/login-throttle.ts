import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { loginThrottle } from "../schema";

/**
 * Sign-in throttling, per account and per client address (see ARCHITECTURE, Authentication).
 * Account: growing delays after failures, then a temporary lock — which does not apply to an address
 * with no failed attempt in its window (up to twice the failure limit), so knowing an e-mail is not
 * enough to lock its owner out.
 * Address: a hard limit on failed attempts over all accounts, then a temporary block.
 */
export interface ThrottleSettings {
  /** Wait after an account's first failure; doubles with each further failure. */
  baseDelayMs: number;
  /** Failures before the account is locked (failures older than `lockMinutes` are forgotten). */
  maxFailures: number;
  lockMinutes: number;
  /** Failed (or refused) attempts from one address, over all accounts, before it is blocked. */
  addressMaxFailures: number;
  addressLockMinutes: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = { baseDelayMs: 1000, maxFailures: 5, lockMinutes: 15, addressMaxFailures: 20, addressLockMinutes: 15 };

interface Rule {
  key: string;
  maxFailures: number;
  baseDelayMs: number;
  lockMs: number;
}

const accountRule = (email: string, s: ThrottleSettings): Rule => ({ key: `account:${email.toLowerCase()}`, maxFailures: s.maxFailures, baseDelayMs: s.baseDelayMs, lockMs: s.lockMinutes * 60_000 });
const addressRule = (ip: string, s: ThrottleSettings): Rule => ({ key: `address:${addressOf(ip)}`, maxFailures: s.addressMaxFailures, baseDelayMs: 0, lockMs: s.addressLockMinutes * 60_000 });

/** IPv4 (also IPv4-mapped IPv6) as is; IPv6 by its /64, which one client usually holds whole. */
export function addressOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** Until when the key refuses attempts (the lock, or the growing delay after a failure); NULL: open. */
function blockedUntil(rule: Rule): SQL {
  const t = loginThrottle;
  const delay = rule.baseDelayMs > 0
    ? sql`case when ${t.failures} > 0 and ${t.failures} < ${rule.maxFailures} then ${t.lastFailureAt} + make_interval(secs => ${rule.baseDelayMs / 1000}::float8 * power(2, ${t.failures} - 1)) end`
    : sql`null::timestamptz`;
  return sql`greatest(${t.lockedUntil}, ${delay})`;
}

/**
 * Counts one attempt against `rule` before its password is checked, in one statement (the row lock
 * of the upsert orders concurrent attempts). Refused (returns null, nothing counted) while the key is
 * blocked, unless `bypassBlock` and fewer than twice `maxFailures` failures are counted (so attackers
 * with many addresses, or forged ones, still get a bounded number of guesses). A count whose last failure is older than the lock time, or whose
 * lock has ended, starts again at 1; reaching `maxFailures` (re)starts the lock.
 */
async function countAttempt(db: Db, rule: Rule, bypassBlock: boolean, now: Date): Promise<number | null> {
  const t = loginThrottle;
  const lockEnd = new Date(now.getTime() + rule.lockMs);
  const restart = sql`(coalesce(${t.lockedUntil} <= ${at(now)}, false) or coalesce(${t.lastFailureAt} <= ${at(new Date(now.getTime() - rule.lockMs))}, true))`;
  const failures = sql`(case when ${restart} then 1 else ${t.failures} + 1 end)`;
  const [row] = await db
    .insert(t)
    .values({ key: rule.key, failures: 1, lastFailureAt: now, lockedUntil: rule.maxFailures <= 1 ? lockEnd : null })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures,
        lastFailureAt: now,
        lockedUntil: sql`case when ${failures} >= ${rule.maxFailures} then ${at(lockEnd)} when ${restart} then null else ${t.lockedUntil} end`,
      },
      setWhere: bypassBlock
        ? sql`(coalesce(${blockedUntil(rule)} <= ${at(now)}, true) or ${t.failures} < ${2 * rule.maxFailures})`
        : sql`coalesce(${blockedUntil(rule)} <= ${at(now)}, true)`,
    })
    .returning({ failures: t.failures });
  return row?.failures ?? null;
}

/** Gives back one counted attempt (the password was right); lifts a lock this attempt had started. */
async function uncountAttempt(db: Db, rule: Rule): Promise<void> {
  const t = loginThrottle;
  await db
    .update(t)
    .set({ failures: sql`greatest(${t.failures} - 1, 0)`, lockedUntil: sql`case when ${t.failures} - 1 < ${rule.maxFailures} then null else ${t.lockedUntil} end` })
    .where(eq(t.key, rule.key));
}

async function secondsBlocked(db: Db, rule: Rule, now: Date): Promise<number> {
  const [row] = await db.select({ until: blockedUntil(rule).mapWith((v: string | Date | null) => (v === null ? null : new Date(v))) }).from(loginThrottle).where(eq(loginThrottle.key, rule.key));
  const until = row?.until?.getTime() ?? 0;
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/** A sign-in attempt that may check its password, or why it may not. */
export type LoginAttempt =
  | { allowed: true; account: Rule; address: Rule }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Reserves a sign-in attempt before its password is verified, so parallel attempts cannot all pass a
 * check made before any of them failed. First the address is counted (refused while it is blocked),
 * then the account (refused while it waits or is locked — except for the first attempt from an
 * address with no failures in its window, up to twice `maxFailures` failures in all). Every allowed attempt counts as a failure until
 * `attemptSucceeded` or `passwordAccepted` says otherwise; attempts refused by the account still count
 * against the address.
 */
export async function reserveLoginAttempt(db: Db, input: { email: string; ip: string }, settings: ThrottleSettings, now: Date): Promise<LoginAttempt> {
  const address = addressRule(input.ip, settings);
  const fromAddress = await countAttempt(db, address, false, now);
  if (fromAddress === null) return { allowed: false, retryAfterSeconds: await secondsBlocked(db, address, now) };
  const account = accountRule(input.email, settings);
  if ((await countAttempt(db, account, fromAddress === 1, now)) === null) return { allowed: false, retryAfterSeconds: await secondsBlocked(db, account, now) };
  return { allowed: true, account, address };
}

/** The password was right but a second factor is still missing: the attempt is not a failure. */
export async function passwordAccepted(db: Db, attempt: { account: Rule; address: Rule }): Promise<void> {
  await uncountAttempt(db, attempt.account);
  await uncountAttempt(db, attempt.address);
}

/** Signed in: the account's failures are forgotten and this attempt no longer counts against the address. */
export async function attemptSucceeded(db: Db, attempt: { account: Rule; address: Rule }): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, attempt.account.key));
  await uncountAttempt(db, attempt.address);
}

/**
 * Counts one self-service password reset request before anything is looked up, under keys of its
 * own (so requests never lock anyone's sign-in): per e-mail at most `maxFailures` and per client
 * address at most `addressMaxFailures` in `lockMinutes`, then refused until the window ends. Known
 * and unknown e-mails count the same, so the limit reveals nothing about which accounts exist.
 */
export async function reserveResetRequest(db: Db, input: { email: string; ip: string }, settings: ThrottleSettings, now: Date): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
  const address: Rule = { ...addressRule(input.ip, settings), key: `reset-address:${addressOf(input.ip)}` };
  if ((await countAttempt(db, address, false, now)) === null) return { allowed: false, retryAfterSeconds: await secondsBlocked(db, address, now) };
  const account: Rule = { ...accountRule(input.email, settings), key: `reset-account:${input.email.toLowerCase()}`, baseDelayMs: 0 };
  if ((await countAttempt(db, account, false, now)) === null) return { allowed: false, retryAfterSeconds: await secondsBlocked(db, account, now) };
  return { allowed: true };
}

import { isIsoDate, isoDayNumber } from "../calendar/iso-date";

/** A history that does not fit its workflow, or a moment that is not an ISO instant. */
export class WorkflowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkflowError";
  }
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Epoch milliseconds of an ISO 8601 instant with its zone ("2026-12-07T09:30:00+07:00",
 * "2026-12-07T02:30:00.000Z"), by integer arithmetic: a time without a zone is refused, because the
 * working day it falls on would depend on the machine.
 */
export function parseInstant(text: string): number {
  const m = INSTANT.exec(text);
  if (m && isIsoDate(m[1]!)) {
    const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
    const zone = m[6]!;
    const offset = zone === "Z" ? 0 : (zone.startsWith("-") ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
    const ms = Number((m[5] ?? "0").padEnd(3, "0").slice(0, 3));
    if (h <= 23 && min <= 59 && s <= 59 && Math.abs(offset) <= 14 * 60) {
      return isoDayNumber(m[1]!) * 86_400_000 + ((h * 60 + min - offset) * 60 + s) * 1000 + ms;
    }
  }
  throw new WorkflowError(`not an ISO instant with a zone (e.g. 2026-12-07T09:30:00+07:00): ${JSON.stringify(text)}`);
}

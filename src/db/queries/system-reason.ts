import type { SystemReason, Transition } from "../../core";

/** The stored columns of a case transition that hold a system-given reason (applications and complaints alike). */
interface SystemReasonColumns {
  reasonCode: string | null;
  reasonParams: Record<string, string | number> | null;
}

/** A stored transition's system-given reason, if it has one. */
export function systemReasonOfRow(r: SystemReasonColumns): SystemReason | undefined {
  return r.reasonCode ? { code: r.reasonCode, params: r.reasonParams ?? {} } : undefined;
}

/** The columns that store a transition's system-given reason (null for a person's). */
export function systemReasonColumns(t: Pick<Transition, "systemReason">): SystemReasonColumns {
  return { reasonCode: t.systemReason?.code ?? null, reasonParams: t.systemReason?.params ?? null };
}

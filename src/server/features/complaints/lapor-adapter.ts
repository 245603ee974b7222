/**
 * The boundary to SP4N-LAPOR! (lapor.go.id). Pandu keeps only a cross-reference (the LAPOR! tracking
 * id on a complaint); no live call is made. A future integration implements this interface (pull new
 * reports of the agency, push status changes and answers) and is wired in one place; see
 * docs/complaints.md "LAPOR! boundary".
 */
export interface LaporAdapter {
  readonly kind: string;
  /** Tells LAPOR! that a complaint with this tracking id changed state (e.g. answered, finished). */
  pushStatus(input: { laporTrackingId: string; state: string; answer: string | null; at: string }): Promise<void>;
  /** New reports for the agency since `since` (ISO instant), to be filed as complaints with channel `lapor`. */
  pullNew(input: { agencyCode: string; since: string }): Promise<{ laporTrackingId: string; title: string; description: string; receivedAt: string }[]>;
}

/** The adapter in use today: does nothing, answers nothing. */
export const noopLaporAdapter: LaporAdapter = {
  kind: "none",
  pushStatus: async () => {},
  pullNew: async () => [],
};

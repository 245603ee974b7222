import type { fieldNotes } from "../../../db/schema";

/** A note as the workspace shows it (the author's name, not the id). */
export function presentFieldNote(n: typeof fieldNotes.$inferSelect, authorName: string | null) {
  return {
    id: n.id,
    stage: n.stage as "interviu" | "visitasi",
    heldOn: n.heldOn,
    participants: n.participants,
    place: n.place,
    summary: n.summary,
    observations: n.observations,
    authorName,
    version: n.version,
    updatedAt: n.updatedAt.toISOString(),
  };
}

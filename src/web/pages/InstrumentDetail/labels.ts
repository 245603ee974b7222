import { useTranslation } from "react-i18next";

/** Translated names for the node kinds and scales the bundled instruments use; other values as they are. */
export function useLabels() {
  const { t } = useTranslation();
  return {
    kind: (kind: string) => (kind === "domain" || kind === "aspect" || kind === "indicator" ? t(`kinds.${kind}`) : kind),
    scale: (scale: string) => (scale === "process" || scale === "service" ? t(`instrument.scaleName.${scale}`) : scale),
  };
}

/** A DOM id for a tree node code ("D1" → "node-D1"; codes may contain dots). */
export const nodeAnchor = (code: string) => `node-${code.replace(/[^A-Za-z0-9_-]/g, "_")}`;

import { createContext, useContext, type ReactNode } from "react";
import type { Instrument, InstrumentNode } from "../../../core";
import type { Calculator } from "./useCalculator";

export interface DetailContextValue {
  instrument: Instrument;
  calc: Calculator;
  /** Draws an indicator of the tree in place of the calculator's row (the assessment workspace's editor). */
  renderIndicator?: (indicator: InstrumentNode) => ReactNode;
}

export const DetailContext = createContext<DetailContextValue | null>(null);

/** The instrument being read and its live calculator, for the tree below the page. */
export function useDetail(): DetailContextValue {
  const v = useContext(DetailContext);
  if (!v) throw new Error("useDetail outside DetailContext");
  return v;
}

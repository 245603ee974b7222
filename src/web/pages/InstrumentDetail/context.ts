import { createContext, useContext } from "react";
import type { Instrument } from "../../../core";
import type { Calculator } from "./useCalculator";

export interface DetailContextValue {
  instrument: Instrument;
  calc: Calculator;
}

export const DetailContext = createContext<DetailContextValue | null>(null);

/** The instrument being read and its live calculator, for the tree below the page. */
export function useDetail(): DetailContextValue {
  const v = useContext(DetailContext);
  if (!v) throw new Error("useDetail outside DetailContext");
  return v;
}

import type { TFunction } from "i18next";
import { formatRupiah, type Lang } from "../../format";

/** The fee as a citizen reads it: free, an amount, or "see the standard" when it varies. */
export function feeText(t: TFunction, fee: number | null, lang: Lang): string {
  if (fee === null) return t("services.feeVaries");
  return fee === 0 ? t("services.feeFree") : formatRupiah(fee, lang);
}

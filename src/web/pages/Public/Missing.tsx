import { useTranslation } from "react-i18next";

/** A dash for a value that was not published, read out as "no data". */
export function Missing() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{t("portal.missing")}</span>
    </>
  );
}

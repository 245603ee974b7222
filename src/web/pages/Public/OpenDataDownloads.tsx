import { useId } from "react";
import { useTranslation } from "react-i18next";
import { OPEN_DATA_PACKAGE_URL, OPEN_DATA_SCHEMA_URL, openDataUrl, type PublicYear } from "../../publicApi";
import { useLang } from "../../i18n";
import { chartNumber } from "../../components/Chart";

/** The open-data files per year (XLSX, CSV, the Indonesian-locale CSV, JSON), the JSON Schema, the data package and the API description. */
export function OpenDataDownloads({ years }: { years: PublicYear[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const headingId = useId();
  const whole = chartNumber(lang, 0);
  return (
    <section className="section portal-downloads" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("portal.downloadsTitle")}</h2>
      <p>{t("portal.downloadsIntro")}</p>
      <div className="table-scroll">
        <table className="data-table" data-testid="portal-downloads">
          <caption>{t("portal.downloadsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("portal.colYear")}</th>
              <th scope="col" className="num">
                {t("portal.colCount")}
              </th>
              <th scope="col">{t("portal.colDownloads")}</th>
            </tr>
          </thead>
          <tbody>
            {[...years].reverse().map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td className="num">{whole(y.count)}</td>
                <td className="download-links">
                  <a href={openDataUrl(y.year, "xlsx")} download>
                    {t("portal.xlsxFile", { year: y.year })}
                  </a>
                  <a href={openDataUrl(y.year, "csv")} download>
                    {t("portal.csvFile", { year: y.year })}
                  </a>
                  <a href={openDataUrl(y.year, "csv", "id")} download>
                    {t("portal.csvIdFile", { year: y.year })}
                  </a>
                  <a href={openDataUrl(y.year, "json")} download>
                    {t("portal.jsonFile", { year: y.year })}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="download-links">
        <a href={OPEN_DATA_SCHEMA_URL}>{t("portal.schema")}</a>
        <a href={OPEN_DATA_PACKAGE_URL}>{t("portal.datapackage")}</a>
        <a href="/api/openapi.json">{t("portal.api")}</a>
      </p>
      <p className="table-note">{t("portal.licence")}</p>
    </section>
  );
}

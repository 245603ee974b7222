import { useTranslation } from "react-i18next";
import { evidenceFileUrl, type EvidenceSummary } from "../../evidenceApi";
import { formatFileSize } from "../../format";
import { useLang } from "../../i18n";
import { DocumentRef, ReviewDate } from "./EvidenceBadges";

/** The library as a table: one row per piece of evidence, its latest file, and a detail button. */
export function EvidenceTable({ agency, rows, onOpen, selected }: { agency: string; rows: EvidenceSummary[]; onOpen(id: number): void; selected: number | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="evidence-table">
        <caption className="visually-hidden">{t("evidence.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("evidence.fields.title")}</th>
            <th scope="col">{t("evidence.document")}</th>
            <th scope="col">{t("evidence.fields.reviewDate")}</th>
            <th scope="col">{t("evidence.type")}</th>
            <th scope="col" className="num">
              {t("evidence.size")}
            </th>
            <th scope="col" className="num">
              {t("evidence.versions")}
            </th>
            <th scope="col" className="num">
              {t("evidence.links")}
            </th>
            <th scope="col">{t("evidence.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id} data-testid={`evidence-row-${e.id}`} aria-selected={selected === e.id}>
              <th scope="row">
                {e.title}
                <div className="small muted">{e.fileName}</div>
              </th>
              <td>
                <DocumentRef evidence={e} />
              </td>
              <td>
                <ReviewDate evidence={e} testId={`evidence-too-old-${e.id}`} />
              </td>
              <td>{e.fileType.toUpperCase()}</td>
              <td className="num">{formatFileSize(e.size, lang)}</td>
              <td className="num">{e.versionCount}</td>
              <td className="num">{e.linkCount}</td>
              <td>
                <div className="button-row">
                  <button type="button" className="button button-small button-secondary" data-testid={`evidence-open-${e.id}`} onClick={() => onOpen(e.id)}>
                    {t("evidence.open")}
                    <span className="visually-hidden">: {e.title}</span>
                  </button>
                  <a className="button button-small button-secondary" href={evidenceFileUrl(agency, e.id)} download data-testid={`evidence-download-${e.id}`}>
                    {t("evidence.download")}
                    <span className="visually-hidden">: {e.title}</span>
                  </a>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Instrument } from "../../../core";
import { InstrumentStatusBadge, PredicateBadge } from "../../components/Badges";
import { formatDate, formatIndex } from "../../format";
import { useLang } from "../../i18n";
import { useLabels } from "./labels";

/** Name, legal basis, status, description, predicate bands and level scales of an instrument. */
export function InstrumentHeader({ instrument: i }: { instrument: Instrument }) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels = useLabels();
  const bands = [...i.predicates].sort((a, b) => b.min - a.min);
  return (
    <header className="instrument-header">
      <p className="breadcrumb">
        <Link to="/instrumen">← {t("instrument.back")}</Link>
      </p>
      <div className="title-row">
        <h1>{i.name}</h1>
        <InstrumentStatusBadge status={i.status} />
      </div>
      {i.sourceConfidence && (
        <p className="note source-confidence" data-testid="source-confidence">
          <strong>{t("instruments.sourceConfidence")}:</strong> {i.sourceConfidence}
        </p>
      )}
      <dl className="facts">
        {i.legalBasis && (
          <div>
            <dt>{t("instruments.legalBasis")}</dt>
            <dd>{i.legalBasis}</dd>
          </div>
        )}
        {i.effectiveFrom && (
          <div>
            <dt>{t("instruments.effectiveFrom")}</dt>
            <dd>{formatDate(i.effectiveFrom, lang)}</dd>
          </div>
        )}
        <div>
          <dt>{t("instruments.levelRange")}</dt>
          <dd>{t("instruments.levels", { min: i.levels.min, max: i.levels.max })}</dd>
        </div>
      </dl>
      {i.description && <p className="description">{i.description}</p>}
      <section aria-labelledby="predicates-title" className="bands-section">
        <h2 id="predicates-title">{t("instrument.predicates")}</h2>
        <ul className="bands">
          {bands.map((b, n) => {
            const above = bands[n - 1];
            // The lowest band (from 0) reads better as "below the next threshold".
            const range = b.min <= 0 && above ? t("instrument.predicateBelow", { max: formatIndex(above.min, lang) }) : t("instrument.predicateFrom", { min: formatIndex(b.min, lang) });
            return (
              <li key={b.name}>
                <PredicateBadge name={b.name} />
                <span>{range}</span>
              </li>
            );
          })}
        </ul>
      </section>
      <details className="scales">
        <summary>{t("instrument.scales")}</summary>
        <div className="scales-grid">
          {Object.entries(i.scales).map(([name, levels]) => (
            <section key={name} aria-label={labels.scale(name)}>
              <h3>{labels.scale(name)}</h3>
              <dl>
                {levels.map((l) => (
                  <div key={l.level}>
                    <dt>
                      {t("instrument.levelTitle", { level: l.level })} · {l.name}
                    </dt>
                    {l.description && <dd>{l.description}</dd>}
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </details>
    </header>
  );
}

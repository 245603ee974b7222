import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useParams, useSearchParams } from "react-router";
import { FormError, Loading } from "../../components/Status";
import { formatDate } from "../../format";
import { useLang } from "../../i18n";
import { deviceToken, fetchPublicSurvey, submitSurveyResponse, type PublicSurvey } from "../../skmApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { LoadFailure } from "../NotFound";

type Profile = { ageBand: string; sex: string; education: string; occupation: string };

function SurveyForm({ s, loket, onDone }: { s: PublicSurvey; loket: string | null; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [profile, setProfile] = useState<Profile>({ ageBand: "", sex: "", education: "", occupation: "" });
  const [website, setWebsite] = useState("");
  const submit = useSubmit();
  const missing = s.elements.filter((e) => !answers[e.code]).map((e) => e.code);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (missing.length) {
      submit.setError(t("skm.public.missing", { elements: missing.join(", ") }));
      document.getElementById(`q-${missing[0]}`)?.focus();
      return;
    }
    const ok = await submit.run(async () => {
      await submitSurveyResponse(s.id, {
        answers: answers as never,
        ageBand: (profile.ageBand || null) as never,
        sex: (profile.sex || null) as never,
        education: (profile.education || null) as never,
        occupation: (profile.occupation || null) as never,
        counter: loket && s.counters.includes(loket) ? loket : null,
        deviceToken: deviceToken(),
        website: website || undefined,
      });
    });
    if (ok) onDone();
  };
  const select = (key: keyof Profile, options: string[], label: string, optionLabel: (v: string) => string) => (
    <div className="field">
      <label htmlFor={`p-${key}`}>{label}</label>
      <select id={`p-${key}`} value={profile[key]} onChange={(e) => setProfile({ ...profile, [key]: e.target.value })} data-testid={`skm-profile-${key}`}>
        <option value="">{t("skm.public.noAnswer")}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form className="skm-form" onSubmit={(e) => void send(e)} noValidate data-testid="skm-form">
      {s.elements.map((e, i) => (
        <fieldset key={e.code} className="card skm-question" id={`q-${e.code}`} tabIndex={-1}>
          <legend>
            {i + 1}. {e.name[lang]} <span className="muted small">({e.code})</span>
          </legend>
          <div className="skm-answers" role="radiogroup">
            {e.answers.map((a, v) => (
              <label key={v} className="skm-answer">
                <input type="radio" name={e.code} value={v + 1} checked={answers[e.code] === v + 1} onChange={() => setAnswers({ ...answers, [e.code]: v + 1 })} data-testid={`skm-${e.code}-${v + 1}`} />
                <span>{a[lang]}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <fieldset className="card">
        <legend>{t("skm.public.profile")}</legend>
        <p className="small muted">{t("skm.public.profileNote")}</p>
        <div className="form-grid">
          {select("ageBand", s.profile.ageBands, t("skm.profile.ageBand"), (v) => t(`skm.profile.ageBands.${v}`, { defaultValue: v }))}
          {select("sex", s.profile.sexes, t("skm.profile.sex"), (v) => t(`skm.profile.sexes.${v as "L" | "P"}`))}
          {select("education", s.profile.educations, t("skm.profile.education"), (v) => v)}
          {select("occupation", s.profile.occupations, t("skm.profile.occupation"), (v) => t(`skm.profile.occupations.${v as "PNS"}`))}
        </div>
      </fieldset>
      {/* Honeypot: hidden from people, filled by naive scripts; the server then stores nothing. */}
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor="skm-website">Website</label>
        <input id="skm-website" name="website" tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
      </div>
      <FormError error={submit.error} testId="skm-error" />
      <button type="submit" className="button button-block" disabled={submit.busy} data-testid="skm-submit">
        {t("skm.public.submit")}
      </button>
    </form>
  );
}

/** The public, mobile-first survey page (/survei/:surveyId, optionally ?loket=…): nine questions, profile, thanks. No sign-in. */
export function PublicSurveyPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { surveyId = "" } = useParams();
  const [params] = useSearchParams();
  const [done, setDone] = useState(false);
  const state = useApi(`public-survey:${surveyId}`, (signal) => fetchPublicSurvey(Number(surveyId) || 0, signal));
  usePageTitle(t("skm.public.title"));
  if (state.status === "loading") return <Loading label={t("skm.loading")} />;
  if (state.status === "error") return <LoadFailure error={state.error} retry={state.retry} />;
  const s = state.data;
  return (
    <article className="skm-public" data-testid="skm-public">
      <h1>{t("skm.public.title")}</h1>
      <p className="lead" data-testid="skm-service">
        {s.service.name} — {s.agency.name}
      </p>
      <p className="small muted">{t("skm.public.period", { from: formatDate(s.periodStart, lang), to: formatDate(s.periodEnd, lang) })}</p>
      {done ? (
        <div className="card status-ok" role="status" data-testid="skm-thanks">
          <h2>{t("skm.public.thanksTitle")}</h2>
          <p>{t("skm.public.thanks")}</p>
        </div>
      ) : !s.accepting ? (
        <p className="card" data-testid="skm-not-accepting">
          {s.status === "closed" ? t("apiErrors.survey_closed") : t("apiErrors.survey_not_open")}
        </p>
      ) : (
        <>
          <p>{t("skm.public.intro")}</p>
          <SurveyForm s={s} loket={params.get("loket")} onDone={() => setDone(true)} />
        </>
      )}
    </article>
  );
}

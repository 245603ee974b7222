import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { COMPLAINT_CATEGORIES } from "../../../core/services/complaints";
import { AgencyPicker } from "../../components/AgencyPicker";
import { OneTimeSecret } from "../../components/OneTimeSecret";
import { FormError } from "../../components/Status";
import { fileComplaint, fileToBase64, type FiledComplaint } from "../../complaintsApi";
import { fetchPublicServices, type PublicService } from "../../servicesApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { useUnsavedChanges } from "../../useUnsavedChanges";

/** The public complaint form (/pengaduan), mobile-first: agency, service, category, text, attachments, anonymous or confidential. */
export function FileComplaintPage() {
  const { t } = useTranslation();
  const id = useId();
  const [params] = useSearchParams();
  usePageTitle(t("complaints.file.title"));
  const [agency, setAgency] = useState(params.get("instansi") ?? "");
  const [serviceId, setServiceId] = useState(params.get("layanan") ?? "");
  const [services, setServices] = useState<PublicService[]>([]);
  const [category, setCategory] = useState<string>("pelayanan");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [location, setLocation] = useState("");
  const [privacy, setPrivacy] = useState<"open" | "confidential" | "anonymous">("open");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [website, setWebsite] = useState("");
  const [filed, setFiled] = useState<FiledComplaint | null>(null);
  const submit = useSubmit();
  useUnsavedChanges(!filed && (title.trim() !== "" || description.trim() !== ""));

  useEffect(() => {
    const code = agency.trim().toUpperCase();
    if (!/^[0-9A-Z.]{2,12}$/.test(code)) return;
    const ctrl = new AbortController();
    fetchPublicServices({ province: "", q: "", sector: "", channel: "" }, ctrl.signal).then(
      (all) => setServices(all.filter((s) => s.agency.code === code)),
      () => undefined,
    );
    return () => ctrl.abort();
  }, [agency]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    await submit.run(async () => {
      const attachments = await Promise.all(files.map(async (f) => ({ fileName: f.name, contentBase64: await fileToBase64(f) })));
      const anonymous = privacy === "anonymous";
      setFiled(
        await fileComplaint(agency.trim().toUpperCase(), {
          serviceId: serviceId ? Number(serviceId) : null,
          category: category as never,
          title: title.trim(),
          description: description.trim(),
          location: location.trim() || null,
          anonymous,
          confidential: privacy === "confidential",
          name: anonymous ? null : name.trim() || null,
          email: anonymous ? null : email.trim() || null,
          phone: anonymous ? null : phone.trim() || null,
          attachments,
          ...(website ? { website } : {}),
        }),
      );
    });
  };

  if (filed)
    return (
      <section className="card" data-testid="complaint-filed">
        <h1>{t("complaints.file.doneTitle")}</h1>
        <p>{t("complaints.file.doneIntro")}</p>
        <OneTimeSecret label={t("complaints.trackingNumber")} value={filed.trackingNumber} warning={t("complaints.file.keepBoth")} testId="complaint-tracking-number" />
        <OneTimeSecret label={t("complaints.checkValue")} value={filed.checkValue} warning={t("complaints.file.shownOnce")} testId="complaint-check-value" />
        <p>
          <Link to="/pengaduan/lacak" data-testid="complaint-track-link">
            {t("complaints.track.title")}
          </Link>
        </p>
      </section>
    );

  return (
    <form className="card form complaint-form" onSubmit={(e) => void send(e)} aria-labelledby={`${id}-title`} data-testid="complaint-form">
      <h1 id={`${id}-title`}>{t("complaints.file.title")}</h1>
      <p className="lead">{t("complaints.file.intro")}</p>
      <p>
        <Link to="/pengaduan/lacak">{t("complaints.file.trackInstead")}</Link>
      </p>
      <FormError error={submit.error} testId="complaint-error" />
      <AgencyPicker label={t("complaints.agency")} hint={t("complaints.file.agencyHint")} value={agency} onChange={setAgency} testId="complaint-agency" required />
      <div className="field">
        <label htmlFor={`${id}-service`}>{t("complaints.service")}</label>
        <select id={`${id}-service`} value={serviceId} onChange={(e) => setServiceId(e.target.value)} data-testid="complaint-service">
          <option value="">{t("complaints.file.noService")}</option>
          {services.map((s) => (
            <option key={s.id} value={String(s.id)}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>{t("complaints.category")}</label>
        <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value)} data-testid="complaint-category">
          {COMPLAINT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`complaints.categories.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-subject`}>{t("complaints.subject")}</label>
        <input id={`${id}-subject`} value={title} required minLength={5} maxLength={200} onChange={(e) => setTitle(e.target.value)} data-testid="complaint-title" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t("complaints.description")}</label>
        <textarea id={`${id}-text`} value={description} required minLength={20} maxLength={8000} rows={6} onChange={(e) => setDescription(e.target.value)} data-testid="complaint-description" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-location`}>{t("complaints.location")}</label>
        <input id={`${id}-location`} value={location} maxLength={300} onChange={(e) => setLocation(e.target.value)} data-testid="complaint-location" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-files`}>{t("complaints.attachments")}</label>
        <input id={`${id}-files`} type="file" multiple accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx" aria-describedby={`${id}-files-hint`} onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 3))} data-testid="complaint-files" />
        <p className="hint" id={`${id}-files-hint`}>
          {t("complaints.file.attachmentsHint")}
        </p>
      </div>
      <fieldset className="field">
        <legend>{t("complaints.file.privacy")}</legend>
        {(["open", "confidential", "anonymous"] as const).map((p) => (
          <label key={p} className="radio">
            <input type="radio" name={`${id}-privacy`} value={p} checked={privacy === p} onChange={() => setPrivacy(p)} data-testid={`complaint-privacy-${p}`} /> {t(`complaints.privacy.${p}`)}
          </label>
        ))}
      </fieldset>
      {privacy !== "anonymous" && (
        <>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t("complaints.name")}</label>
            <input id={`${id}-name`} value={name} required maxLength={200} autoComplete="name" onChange={(e) => setName(e.target.value)} data-testid="complaint-name" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-email`}>{t("complaints.email")}</label>
            <input id={`${id}-email`} type="email" value={email} maxLength={254} autoComplete="email" onChange={(e) => setEmail(e.target.value)} data-testid="complaint-email" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-phone`}>{t("complaints.phone")}</label>
            <input id={`${id}-phone`} type="tel" value={phone} maxLength={20} autoComplete="tel" onChange={(e) => setPhone(e.target.value)} data-testid="complaint-phone" />
          </div>
        </>
      )}
      <div className="honeypot" aria-hidden="true" style={{ position: "absolute", left: "-10000px" }}>
        <label htmlFor={`${id}-website`}>Website</label>
        <input id={`${id}-website`} tabIndex={-1} autoComplete="off" value={website} onChange={(e) => setWebsite(e.target.value)} />
      </div>
      <p className="small muted">{t("complaints.file.privacyNote")}</p>
      <button type="submit" className="button" disabled={submit.busy} data-testid="complaint-submit">
        {t("complaints.file.submit")}
      </button>
    </form>
  );
}

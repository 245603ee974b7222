import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import type { FormDefinition } from "../../../core/forms/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { RequireSession } from "../../components/RequireSession";
import { FormError, Loading } from "../../components/Status";
import { formatDateTime } from "../../format";
import { deleteFormDraft, fetchAgencyForms, publishForm, uploadFormDraft, type AgencyFormVersion } from "../../formsApi";
import { useLang } from "../../i18n";
import { fetchAgencyServices, type AgencyService } from "../../servicesApi";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useSubmit } from "../../useSubmit";
import { LoadFailure } from "../NotFound";
import { formOf } from "../Applications/answers";
import { blankForm, nextDraft } from "./formDraft";

/** A version's state for the reader: a published version that a newer published one replaced is "replaced". */
function stateOf(v: AgencyFormVersion, all: AgencyFormVersion[]): "draft" | "published" | "replaced" {
  if (v.status !== "published") return "draft";
  return all.some((o) => o.formId === v.formId && o.status === "published" && o.version > v.version) ? "replaced" : "published";
}

/** Downloads a definition as a JSON file named after the form and version. */
function download(v: AgencyFormVersion) {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(v.definition, null, 2)}\n`], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `${v.formId}-v${v.version}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `/formulir/:code`: per catalogue service, its form versions; start a draft, edit, publish, download. */
export function FormsListPage() {
  const { code = "" } = useParams();
  const { t } = useTranslation();
  usePageTitle(t("forms.list.title"));
  const data = useApi(`forms-list:${code}`, async (signal) => {
    const [forms, services] = await Promise.all([fetchAgencyForms(code, signal), fetchAgencyServices(code, signal)]);
    return { forms, services: services.services };
  });
  return (
    <RequireSession>
      <section data-testid="forms-list">
        <h1>{t("forms.list.title")}</h1>
        <p>{t("forms.list.intro")}</p>
        {data.status === "loading" ? <Loading label={t("forms.loading")} /> : data.status === "error" ? <LoadFailure error={data.error} retry={data.retry} /> : <Services code={code} forms={data.data.forms} services={data.data.services} reload={data.reload} />}
      </section>
    </RequireSession>
  );
}

function Services({ code, forms, services, reload }: { code: string; forms: AgencyFormVersion[]; services: AgencyService[]; reload(): void }) {
  const { t } = useTranslation();
  const orphans = forms.filter((f) => f.serviceId === null || !services.some((s) => s.id === f.serviceId));
  return (
    <>
      {services.map((s) => (
        <ServiceForms key={s.id} code={code} service={s} versions={forms.filter((f) => f.serviceId === s.id)} all={forms} reload={reload} />
      ))}
      {orphans.length > 0 && (
        <div className="card">
          <h2>{t("forms.list.noService")}</h2>
          <Versions code={code} versions={orphans} all={forms} reload={reload} />
        </div>
      )}
    </>
  );
}

function ServiceForms({ code, service, versions, all, reload }: { code: string; service: AgencyService; versions: AgencyFormVersion[]; all: AgencyFormVersion[]; reload(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { busy, error, run } = useSubmit();
  const published = versions.find((v) => stateOf(v, all) === "published");
  const start = (from: "published" | "blank") =>
    void run(async () => {
      const definition: FormDefinition =
        from === "published" && published
          ? nextDraft(formOf(published.definition), all.filter((v) => v.formId === published.formId).map((v) => v.version))
          : (() => {
              const blank = blankForm(service, code);
              const taken = all.filter((v) => v.formId === blank.id).map((v) => v.version);
              return taken.length ? { ...blank, version: Math.max(...taken) + 1 } : blank;
            })();
      const created = await uploadFormDraft(code, definition);
      void navigate(`/formulir/${encodeURIComponent(code)}/${created.id}/ubah`);
    });
  return (
    <div className="card" data-testid={`forms-service-${service.slug}`}>
      <h2>{service.name}</h2>
      {versions.length === 0 ? <p>{t("forms.list.none")}</p> : <Versions code={code} versions={versions} all={all} reload={reload} />}
      <div className="button-row">
        {published && (
          <button type="button" disabled={busy} onClick={() => start("published")} data-testid={`forms-new-from-published-${service.slug}`}>
            {t("forms.list.newFromPublished", { version: published.version })}
          </button>
        )}
        <button type="button" className={published ? "button-secondary" : undefined} disabled={busy} onClick={() => start("blank")} data-testid={`forms-new-blank-${service.slug}`}>
          {t("forms.list.newBlank")}
        </button>
      </div>
      <FormError error={error} />
    </div>
  );
}

function Versions({ code, versions, all, reload }: { code: string; versions: AgencyFormVersion[]; all: AgencyFormVersion[]; reload(): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [confirming, setConfirming] = useState<AgencyFormVersion | null>(null);
  const [deleting, setDeleting] = useState<AgencyFormVersion | null>(null);
  const { busy, error, run } = useSubmit();
  const publish = (v: AgencyFormVersion) =>
    void run(async () => {
      await publishForm(code, v.id);
      setConfirming(null);
      reload();
    });
  const remove = (v: AgencyFormVersion) =>
    void run(async () => {
      await deleteFormDraft(code, v.id);
      setDeleting(null);
      reload();
    });
  return (
    <>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("forms.list.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("forms.list.version")}</th>
              <th scope="col">{t("forms.list.state")}</th>
              <th scope="col">{t("forms.list.created")}</th>
              <th scope="col">{t("forms.list.published")}</th>
              <th scope="col">{t("forms.list.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => {
              const state = stateOf(v, all);
              return (
                <tr key={v.id} data-testid={`form-version-${v.id}`}>
                  <th scope="row">
                    {t("forms.list.versionLine", { formId: v.formId, version: v.version })}
                    <br />
                    <span className="hint">{formOf(v.definition).title[lang] || formOf(v.definition).title.id}</span>
                  </th>
                  <td data-testid={`form-version-${v.id}-state`}>{t(`forms.status.${state}`)}</td>
                  <td>
                    {formatDateTime(v.createdAt, lang)}
                    {v.createdBy && <span className="hint"> · {v.createdBy}</span>}
                  </td>
                  <td>{v.publishedAt ? formatDateTime(v.publishedAt, lang) : "–"}</td>
                  <td>
                    <div className="button-row">
                      <Link className="button button-small button-secondary" to={`/formulir/${encodeURIComponent(code)}/${v.id}/ubah`} data-testid={`form-version-${v.id}-edit`}>
                        {state === "draft" ? t("forms.list.edit") : t("forms.list.view")}
                      </Link>
                      {state === "draft" && (
                        <button type="button" className="button button-small" onClick={() => setConfirming(v)} data-testid={`form-version-${v.id}-publish`}>
                          {t("forms.list.publish")}
                        </button>
                      )}
                      {state === "draft" && (
                        <button type="button" className="button button-small button-secondary" onClick={() => setDeleting(v)} data-testid={`form-version-${v.id}-delete`}>
                          {t("forms.list.delete")}
                        </button>
                      )}
                      <button type="button" className="button button-small button-secondary" onClick={() => download(v)} data-testid={`form-version-${v.id}-download`}>
                        {t("forms.list.download")}
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FormError error={error} />
      <ConfirmDialog
        open={confirming !== null}
        title={t("forms.publish.title", { formId: confirming?.formId ?? "", version: confirming?.version ?? 0 })}
        confirmLabel={t("forms.publish.confirm")}
        busy={busy}
        onConfirm={() => confirming && publish(confirming)}
        onCancel={() => setConfirming(null)}
        testId="form-publish"
      >
        <p>{t("forms.publish.newApplications")}</p>
        <p>{t("forms.publish.existing")}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={deleting !== null}
        title={t("forms.delete.title", { formId: deleting?.formId ?? "", version: deleting?.version ?? 0 })}
        confirmLabel={t("forms.delete.confirm")}
        danger
        busy={busy}
        onConfirm={() => deleting && remove(deleting)}
        onCancel={() => setDeleting(null)}
        testId="form-delete"
      >
        <p>{t("forms.delete.body")}</p>
      </ConfirmDialog>
    </>
  );
}

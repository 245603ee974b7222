import { useId } from "react";
import { useTranslation } from "react-i18next";
import { NATIONAL_ROLES, PROVINCE_ROLES, type Role } from "../../core/access/roles";
import type { GrantableRole, RoleInput } from "../adminApi";
import { AgencyPicker } from "./AgencyPicker";

export interface RoleDraft {
  role: Role;
  agency: string;
}

const isNational = (role: Role) => (NATIONAL_ROLES as readonly string[]).includes(role);
const isProvincial = (role: Role) => (PROVINCE_ROLES as readonly string[]).includes(role);

/** A draft for `role`, keeping the agency typed so far unless the role allows only listed agencies. */
function draftFor(grantable: GrantableRole[], role: Role, agency: string): RoleDraft {
  const g = grantable.find((x) => x.role === role);
  if (g?.scope !== "agencies" || g.agencies.some((a) => a.code === agency)) return { role, agency };
  return { role, agency: g.agencies[0]?.code ?? "" };
}

/** The first draft of a role picker: Pelaksana Entri when the user may grant it, else the first role offered. */
export function emptyRole(grantable: GrantableRole[]): RoleDraft {
  const role = grantable.find((g) => g.role === "pelaksana_entri")?.role ?? grantable[0]?.role ?? "pelaksana_entri";
  return draftFor(grantable, role, "");
}

/** The role input the API takes: the agency code (upper case) only for roles held in an agency. */
export function roleInput(draft: RoleDraft): RoleInput {
  return isNational(draft.role) ? { role: draft.role } : { role: draft.role, agencyCode: draft.agency.trim().toUpperCase() };
}

/**
 * A role select offering only the roles the signed-in user may grant (`grantable`, from the server)
 * and, for agency and province roles, the agency (or province) it applies to: any agency by code or
 * name for an administrator, else a choice among the agencies where the user may grant it.
 */
export function RoleFields({ value, onChange, grantable, testIdPrefix }: { value: RoleDraft; onChange(v: RoleDraft): void; grantable: GrantableRole[]; testIdPrefix: string }) {
  const { t } = useTranslation();
  const id = useId();
  const current = grantable.find((g) => g.role === value.role);
  return (
    <>
      <div className="field">
        <label htmlFor={id}>{t("users.role")}</label>
        <select id={id} value={value.role} data-testid={`${testIdPrefix}-role`} onChange={(e) => onChange(draftFor(grantable, e.target.value as Role, value.agency))}>
          {grantable.map((g) => (
            <option key={g.role} value={g.role}>
              {t(`roles.${g.role}`)}
            </option>
          ))}
        </select>
      </div>
      {current?.scope === "any_agency" && (
        <AgencyPicker
          label={isProvincial(value.role) ? t("users.province") : t("users.agency")}
          hint={isProvincial(value.role) ? t("users.provinceHint") : t("users.agencyHint")}
          value={value.agency}
          required
          testId={`${testIdPrefix}-agency`}
          onChange={(agency) => onChange({ ...value, agency })}
        />
      )}
      {current?.scope === "agencies" && (
        <div className="field">
          <label htmlFor={`${id}-agency`}>{t("users.agency")}</label>
          <select id={`${id}-agency`} value={value.agency} required data-testid={`${testIdPrefix}-agency`} onChange={(e) => onChange({ ...value, agency: e.target.value })}>
            {current.agencies.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name} ({a.code})
              </option>
            ))}
          </select>
        </div>
      )}
    </>
  );
}

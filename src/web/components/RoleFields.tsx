import { useId } from "react";
import { useTranslation } from "react-i18next";
import { NATIONAL_ROLES, PROVINCE_ROLES, ROLES, type Role } from "../../core/access/roles";
import type { RoleInput } from "../adminApi";
import { AgencyPicker } from "./AgencyPicker";

export interface RoleDraft {
  role: Role;
  agency: string;
}

export const EMPTY_ROLE: RoleDraft = { role: "pelaksana_entri", agency: "" };

const isNational = (role: Role) => (NATIONAL_ROLES as readonly string[]).includes(role);
const isProvincial = (role: Role) => (PROVINCE_ROLES as readonly string[]).includes(role);

/** The role input the API takes: the agency code (upper case) only for roles held in an agency. */
export function roleInput(draft: RoleDraft): RoleInput {
  return isNational(draft.role) ? { role: draft.role } : { role: draft.role, agencyCode: draft.agency.trim().toUpperCase() };
}

/** A role select and, for agency and province roles, the agency (or province) it applies to. */
export function RoleFields({ value, onChange, testIdPrefix }: { value: RoleDraft; onChange(v: RoleDraft): void; testIdPrefix: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={id}>{t("users.role")}</label>
        <select id={id} value={value.role} data-testid={`${testIdPrefix}-role`} onChange={(e) => onChange({ ...value, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      {!isNational(value.role) && (
        <AgencyPicker
          label={isProvincial(value.role) ? t("users.province") : t("users.agency")}
          hint={isProvincial(value.role) ? t("users.provinceHint") : t("users.agencyHint")}
          value={value.agency}
          required
          testId={`${testIdPrefix}-agency`}
          onChange={(agency) => onChange({ ...value, agency })}
        />
      )}
    </>
  );
}

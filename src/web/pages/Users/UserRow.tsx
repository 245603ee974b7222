import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { createResetLink, grantRole, revokeRole, type GrantableRole, type ManagedUser, type OneTimeLink } from "../../adminApi";
import { ConfirmButton } from "../../components/ConfirmButton";
import { emptyRole, RoleFields, roleInput, type RoleDraft } from "../../components/RoleFields";
import { FormError } from "../../components/Status";
import { roleText } from "../../roleText";
import { useSubmit } from "../../useSubmit";
import { LinkResult } from "./LinkResult";
import { fetchUserOidcIdentities, unlinkUserOidcIdentity } from "../../accountsApi";
import { useSession } from "../../session";
import { SsoLinks } from "../Profile/SsoLinks";

function AddRoleForm({ user, grantable, onAdded }: { user: ManagedUser; grantable: GrantableRole[]; onAdded(): void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<RoleDraft>(() => emptyRole(grantable));
  const { busy, error, run } = useSubmit();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await grantRole(user.id, roleInput(role));
      setRole(emptyRole(grantable));
      onAdded();
    });
  };
  return (
    <form className="form form-wide" aria-label={t("users.addRoleFor", { name: user.name })} onSubmit={(e) => void submit(e)}>
      <FormError error={error} testId={`add-role-error-${user.id}`} />
      <div className="form-grid">
        <RoleFields value={role} onChange={setRole} grantable={grantable} testIdPrefix={`add-role-${user.id}`} />
      </div>
      <div>
        <button type="submit" className="button button-small" disabled={busy} data-testid={`add-role-submit-${user.id}`}>
          {t("users.addRole")}
        </button>
      </div>
    </form>
  );
}

/** One user: who, roles (each removable), and the add-role and reset-link actions in a panel below. */
export function UserRow({ user, grantable, onChanged }: { user: ManagedUser; grantable: GrantableRole[]; onChanged(): void }) {
  const { t } = useTranslation();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reset, setReset] = useState<OneTimeLink | null>(null);
  const administrator = useSession().me?.roles.some((r) => r.role === "administrator") ?? false;

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
      setOpen(true);
    }
  };
  const removeRole = (roleId: number) => act(async () => {
    await revokeRole(user.id, roleId);
    onChanged();
  });
  const makeReset = () => act(async () => {
    setReset(await createResetLink(user.id));
    setOpen(true);
  });

  return (
    <>
      <tr data-testid={`user-${user.email}`}>
        <th scope="row">
          <span className="cell-title">{user.name}</span>
          <span className="cell-sub">{user.email}</span>
          {user.disabled && <span className="badge badge-token-revoked">{t("users.disabled")}</span>}
        </th>
        <td>
          {user.nip ?? "–"}
          {user.phone && <span className="cell-sub">{user.phone}</span>}
        </td>
        <td>
          <ul className="role-list">
            {user.roles.map((r) => (
              <li key={r.id}>
                <span>{roleText(t, r)}</span>
                {user.abilities.manageRoles && <ConfirmButton
                  label={t("users.removeRole")}
                  question={t("users.removeRoleQuestion", { role: roleText(t, r), name: user.name })}
                  className="button button-small button-ghost"
                  testId={`remove-role-${r.id}`}
                  onConfirm={() => removeRole(r.id)}
                />}
              </li>
            ))}
          </ul>
        </td>
        <td>
          <div className="button-row">
            {user.abilities.manageRoles && (
              <button type="button" className="button button-small button-secondary" aria-expanded={open} aria-controls={panelId} data-testid={`user-actions-${user.id}`} onClick={() => setOpen(!open)}>
                {open ? t("users.closePanel") : t("users.addRole")}
              </button>
            )}
            {user.abilities.resetLink && (
              <button type="button" className="button button-small button-secondary" data-testid={`reset-link-${user.id}`} onClick={() => void makeReset()}>
                {t("users.makeResetLink")}
              </button>
            )}
            {!user.abilities.manageRoles && !user.abilities.resetLink && <span className="cell-sub" data-testid={`user-above-${user.id}`}>{t("users.notYours")}</span>}
          </div>
        </td>
      </tr>
      <tr className="row-panel" id={panelId} hidden={!open}>
        <td colSpan={4}>
          {open && (
            <div className="panel">
              <FormError error={error} testId={`user-error-${user.id}`} />
              {reset && <LinkResult link={reset} purpose="reset" email={user.email} testId={`reset-link-value-${user.id}`} />}
              {user.abilities.manageRoles && grantable.length > 0 && <AddRoleForm user={user} grantable={grantable} onAdded={onChanged} />}
              {administrator && (
                <SsoLinks cacheKey={`user-sso-${user.id}`} load={(signal) => fetchUserOidcIdentities(user.id, signal)} unlink={(x) => unlinkUserOidcIdentity(user.id, x)} needsPassword={false} title={t("profile.sso.userTitle")} />
              )}
            </div>
          )}
        </td>
      </tr>
    </>
  );
}

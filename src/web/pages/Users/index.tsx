import { useTranslation } from "react-i18next";
import { fetchGrantableRoles, fetchUsers, type GrantableRole, type ManagedUser } from "../../adminApi";
import { RequireSession } from "../../components/RequireSession";
import { ErrorMessage, Loading } from "../../components/Status";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { CreateUser } from "./CreateUser";
import { UserRow } from "./UserRow";

function UsersTable({ users, grantable, onChanged }: { users: ManagedUser[]; grantable: GrantableRole[]; onChanged(): void }) {
  const { t } = useTranslation();
  if (!users.length) return <p>{t("users.empty")}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table users-table" data-testid="users-table">
        <caption>{t("users.caption", { count: users.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("users.user")}</th>
            <th scope="col">{t("users.nipPhone")}</th>
            <th scope="col">{t("users.roles")}</th>
            <th scope="col">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <UserRow key={u.id} user={u} grantable={grantable} onChanged={onChanged} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UsersView() {
  const { t } = useTranslation();
  const state = useApi("users", fetchUsers);
  // The role pickers offer only what the server says this user may grant.
  const grantable = useApi("users/grantable-roles", fetchGrantableRoles);
  const roles = grantable.status === "ok" ? grantable.data : [];
  return (
    <>
      <h1>{t("users.title")}</h1>
      <p className="lead">{t("users.intro")}</p>
      {grantable.status === "error" && <ErrorMessage error={grantable.error} retry={grantable.retry} />}
      {roles.length > 0 && <CreateUser grantable={roles} onCreated={state.reload} />}
      <section className="section" aria-labelledby="users-list-title">
        <h2 id="users-list-title">{t("users.listTitle")}</h2>
        {state.status === "loading" && <Loading label={t("users.loading")} />}
        {state.status === "error" && <ErrorMessage error={state.error} retry={state.retry} />}
        {state.status === "ok" && <UsersTable users={state.data} grantable={roles} onChanged={state.reload} />}
      </section>
    </>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t("users.title"));
  return (
    <RequireSession ability="manageUsers">
      <UsersView />
    </RequireSession>
  );
}

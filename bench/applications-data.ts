import { sql } from "drizzle-orm";
import type { Db } from "../src/db/client";
import { createService } from "../src/db/commands/public-services";
import { loadFormVersions } from "../src/db/commands/applications";
import type { FormDefinition } from "../src/core";

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const SYSTEM = { actorUserId: null, actorLabel: "bench", ip: null, userAgent: null };

/** A small published form (a name and one PDF attachment) of each bench service. */
export const benchForm = (agency: string, service: string): FormDefinition => ({
  id: `bench-${service}`,
  version: 1,
  status: "published",
  agency,
  service,
  title: { id: "Formulir uji beban", en: "Load-test form" },
  defaultRetentionDays: 365,
  fields: [
    { key: "nama", type: "text", label: { id: "Nama", en: "Name" }, required: true, purpose: { id: "Identitas", en: "Identity" } },
    { key: "berkas", type: "file", label: { id: "Berkas", en: "File" }, accept: ["application/pdf"], maxSizeMb: 2, required: true, purpose: { id: "Syarat", en: "Requirement" } },
  ],
});

/**
 * Deterministic synthetic applications for the benchmarks, inserted by PostgreSQL itself
 * (`generate_series`, no rows through Node): `services` catalogue services with a bench form in each
 * kab/kota of province 15 and the province, `citizens` citizens, then `count` applications spread over
 * the services (a quarter in Kota Jambi 15.71, the agency the queue is measured for) with states of a
 * working service — 60 % closed (approved, rejected, withdrawn, expired), the rest open across
 * submitted, verification, waiting for correction (paused), processing and decision — and state
 * deadlines from 5 working days past to 10 ahead of `today`. The queue columns are filled as the
 * engine would (state roles, deadline, due-soon day); transitions are not generated (the queue does not
 * read them). The same arguments give the same rows. Answers the rows' agencies and the 15.71 services.
 */
export async function generateApplications(db: Db, options: { count: number; today: string; citizens?: number; servicesPerAgency?: number }) {
  const nCitizens = options.citizens ?? 10_000;
  const perAgency = options.servicesPerAgency ?? 5;
  const agencyRows = rowsOf<{ id: number; code: string }>(await db.execute(sql`select id, code from agencies where code = '15' or code like '15.%' order by code`));
  const forms: FormDefinition[] = [];
  for (const a of agencyRows)
    for (let k = 1; k <= perAgency; k++) {
      const slug = `uji-beban-${k}`;
      await createService(db, SYSTEM, a.id, { slug, name: `Layanan uji beban ${k}`, summary: "", sector: "perizinan", unitId: null, onlineUrl: null, atMpp: false, atOffice: true, feeRupiah: 0 });
      forms.push(benchForm(a.code, slug));
    }
  await loadFormVersions(db, forms);
  await db.execute(sql`insert into citizens (email, name) select 'warga.uji.' || g || '@bench.pandu.local', 'Warga Uji ' || g from generate_series(1, ${nCitizens}) g`);
  // Lookup tables numbered from 0 so that a row picks its service and citizen with a modulo.
  await db.execute(sql`create unlogged table bench_services as
    select (row_number() over (order by (a.code = '15.71') desc, s.id) - 1)::int as n, s.id as service_id, s.agency_id, f.id as form_version_id, a.code = '15.71' as city
    from public_services s join agencies a on a.id = s.agency_id join form_versions f on f.service_id = s.id where s.slug like 'uji-beban-%'`);
  await db.execute(sql`create unlogged table bench_citizens as select (row_number() over (order by id) - 1)::int as n, id from citizens where email like '%@bench.pandu.local'`);
  const [{ city, total }] = rowsOf<{ city: number; total: number }>(await db.execute(sql`select count(*) filter (where city)::int as city, count(*)::int as total from bench_services`)) as [{ city: number; total: number }];
  await db.execute(sql`
    with g as (
      select i,
        -- Kota Jambi takes every fourth application, the other agencies share the rest.
        case when i % 4 = 0 then (i / 4) % ${city} else ${city} + (i % ${total - city}) end as svc,
        ((i * 7919) % 100)::int as k,
        ((((i / 4) * 7 + i) % 16) - 5)::int as off,
        ((i * 13) % 365)::int as age
      from generate_series(1::bigint, ${options.count}::bigint) i
    ), s as (
      select g.*, case
        when k < 45 then 'approved' when k < 53 then 'rejected' when k < 57 then 'withdrawn' when k < 60 then 'expired'
        when k < 68 then 'submitted' when k < 77 then 'verification' when k < 84 then 'correction_requested'
        when k < 93 then 'processing' else 'decision' end as state
      from g
    )
    insert into applications (tracking_number, agency_id, service_id, form_version_id, citizen_id, workflow_id, workflow_version, state, terminal, paused, state_roles, state_deadline, due_soon_from, case_deadline, submitted_at, closed_at, created_at, updated_at)
    select 'PL-UJI-' || lpad(s.i::text, 8, '0'), bs.agency_id, bs.service_id, bs.form_version_id, bc.id, 'permohonan-layanan', 1, s.state,
      s.k < 60, s.state = 'correction_requested',
      case s.state when 'submitted' then array['verifikator','petugas_loket'] when 'verification' then array['verifikator'] when 'processing' then array['pengolah'] when 'decision' then array['kepala_unit'] else array[]::text[] end,
      case when s.k >= 60 and s.state <> 'correction_requested' then ${options.today}::date + s.off end,
      case when s.k >= 60 and s.state <> 'correction_requested' then ${options.today}::date + s.off - 1 end,
      ${options.today}::date + s.off + 10 - case when s.k < 60 then 20 else 0 end,
      ${options.today}::date - s.age - 10 + time '09:00',
      case when s.k < 60 then ${options.today}::date - s.age + time '15:00' end,
      ${options.today}::date - s.age - 10 + time '08:00', now()
    from s join bench_services bs on bs.n = s.svc join bench_citizens bc on bc.n = s.i % ${nCitizens}`);
  await db.execute(sql`analyze applications`);
  const services = rowsOf<{ service_id: number }>(await db.execute(sql`select service_id from bench_services where city order by n`)).map((r) => Number(r.service_id));
  await db.execute(sql`drop table bench_services`);
  await db.execute(sql`drop table bench_citizens`);
  return { agencies: agencyRows.length, services };
}

#!/usr/bin/env node
// Build seed/agencies.json: the master register of Indonesian government
// agencies (instansi) used by Pandu SPBE.
//
// Inputs
//   * idn-area-data (npm, https://github.com/fityannugroho/idn-area-data),
//     data/provinces.csv and data/regencies.csv: all provinces and all
//     kabupaten/kota with their Kemendagri codes ("15", "15.71"). Only the CSV
//     files are read, so the package's own Node >= 22 runtime is not needed and
//     it does not have to be a dependency of this repo.
//     Package code is MIT; the data files are under the Open Database License
//     (ODbL 1.0, data/LICENSE.md in the package), so agencies.json is a derived
//     database and carries an attribution in its "source" field.
//   * seed/official-results/spbe-results-2023.csv and spbe-results-2024.csv:
//     the published SPBE results. They supply the central agencies
//     (kementerian / lembaga) and every published name (publishedNames).
//
// How to run (from the repo root; nothing is installed into the repo):
//
//   npm install --prefix /tmp/agencies-work idn-area-data@4.0.1
//   IDN_AREA_DATA_DIR=/tmp/agencies-work/node_modules/idn-area-data \
//     node scripts/build-agencies.mjs
//
//   Without IDN_AREA_DATA_DIR the package is resolved from node_modules as
//   usual. Other environment variables:
//     SPBE_RESULTS_DIR  folder with the two results CSVs (default seed/official-results)
//     AGENCIES_OUT      output file (default seed/agencies.json)
//   Flag --check: build in memory and compare with the existing output file
//   instead of writing it (exit 1 if it differs).
//
// The script ends by checking that every CSV row maps to exactly one agency of
// the same category (and, for regional rows, in the row's province). It exits 1
// if any row is unmatched or ambiguous, or if an alias below is stale.

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = path.resolve(process.env.SPBE_RESULTS_DIR ?? path.join(ROOT, 'seed', 'official-results'));
const OUT = path.resolve(process.env.AGENCIES_OUT ?? path.join(ROOT, 'seed', 'agencies.json'));
const CHECK_ONLY = process.argv.includes('--check');
const YEARS = [2023, 2024];

// ---------------------------------------------------------------------------
// Alias tables. Everything not listed here is matched by normalised name
// (see norm()): case, punctuation, spaces and "Kep." vs "Kepulauan" are ignored,
// so "Batang Hari" = "Batanghari", "KotaMobagu" = "Kotamobagu",
// "Fak-Fak" = "Fak Fak", "Kep. Bangka Belitung" = "Kepulauan Bangka Belitung".
// ---------------------------------------------------------------------------

// Province names used in the CSVs (the `province` column and provincial
// instansi names) that do not normalise to the idn-area-data name.
// Key: normalised alias, value: province code.
const PROVINCE_ALIASES = {
  dkijakarta: '31', // "DKI Jakarta"; idn-area-data: "Daerah Khusus Ibukota Jakarta"
  diyogyakarta: '34', // "D.I Yogyakarta" / "D.I. Yogyakarta"; idn-area-data: "Daerah Istimewa Yogyakarta"
  ntb: '52', // 2023 "Pemerintah Provinsi NTB"
  ntt: '53', // 2023 "Pemerintah Provinsi NTT"
};

// Kabupaten/kota rows whose published name does not normalise to the
// idn-area-data name. Key: "<csv province>|<exact instansi>", value: regency
// code. The code must lie in that province and have the row's category
// (checked).
const REGIONAL_ALIASES = {
  // Abbreviated "Selatan"; idn-area-data 16.09 "Kabupaten Ogan Komering Ulu Selatan".
  'Sumatera Selatan|Pemerintah Kab. Ogan Komering Ulu Sel.': '16.09',
  // "Kepulauan" omitted; idn-area-data 71.09 "Kabupaten Kepulauan Siau Tagulandang Biaro" (Sitaro).
  'Sulawesi Utara|Pemerintah Kab. Siau Tagulandang Biaro': '71.09',
};

// Central bodies whose name changed between years in a way the "Sekretariat
// (Jenderal)" prefix rule (centralKey()) does not cover. Key: exact published
// name; value: the exact published name of the other year that it joins.
const CENTRAL_ALIASES = {
  // 2023 name vs 2024 "... Kemaritiman dan Investasi"
  'Kementerian Koordinator Bidang Kemaritiman': 'Kementerian Koordinator Bidang Kemaritiman dan Investasi',
  // 2023 full name vs 2024 "Sekretariat Jenderal Ombudsman" (no "Republik Indonesia")
  'Ombudsman Republik Indonesia': 'Sekretariat Jenderal Ombudsman',
  // Free-trade-zone bodies: full names in 2023, short names in 2024.
  'Badan Pengusahaan Kawasan Perdagangan Bebas dan Pelabuhan Bebas Sabang': 'Badan Pengusahaan Sabang',
  // 2023 name repeats "Badan Pengusahaan" (as published).
  'Badan Pengusahaan Badan Pengusahaan Kawasan Perdagangan Bebas dan Pelabuhan Bebas Batam': 'Badan Pengusahaan Batam',
};

// Canonical `name` of a central agency is its latest published name, except
// where that is only a short form. Key: latest published name.
const CENTRAL_NAME_OVERRIDES = {
  'Badan Pengusahaan Sabang': 'Badan Pengusahaan Kawasan Perdagangan Bebas dan Pelabuhan Bebas Sabang',
  'Badan Pengusahaan Batam': 'Badan Pengusahaan Kawasan Perdagangan Bebas dan Pelabuhan Bebas Batam',
};

// Short forms of province names for agency `name` ("Pemerintah Provinsi X").
// regionName keeps the idn-area-data name.
const PROVINCE_DISPLAY = {
  31: 'DKI Jakarta', // Daerah Khusus Ibukota Jakarta
  34: 'DI Yogyakarta', // Daerah Istimewa Yogyakarta
};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/** Minimal RFC 4180 CSV parser (quoted fields, "" escapes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r, i) => {
    if (r.length !== header.length) throw new Error(`CSV row ${i + 2}: ${r.length} fields, expected ${header.length}`);
    return Object.fromEntries(header.map((h, j) => [h.replace(/^\uFEFF/, ''), r[j]]));
  });
}

/** Normalised comparison key: lower case, no accents/punctuation/spaces, "kep." = "kepulauan". */
function norm(s) {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\bkep\.\s*/g, 'kepulauan ')
    .replace(/[^a-z0-9]/g, '');
}

const KEEP_UPPER = new Set(['DKI', 'DI', 'RI']);
const KEEP_LOWER = new Set(['dan']);
/** Title-case a name if it is all upper case (older idn-area-data releases); leave mixed case alone. */
function titleCase(name) {
  if (name !== name.toUpperCase()) return name;
  return name
    .split(/\s+/)
    .map((w, i) => {
      if (KEEP_UPPER.has(w.replace(/\./g, ''))) return w;
      const lower = w.toLowerCase();
      if (i > 0 && KEEP_LOWER.has(lower)) return lower;
      return lower.replace(/(^|[-(/])([a-z])/g, (_, p, ch) => p + ch.toUpperCase());
    })
    .join(' ');
}

/** Comparison key for central bodies: 2024 adds "Sekretariat Jenderal"/"Sekretariat" prefixes. */
function centralKey(name) {
  const joined = CENTRAL_ALIASES[name] ?? name;
  return norm(joined.replace(/^Sekretariat\s+(Jenderal\s+)?/i, ''));
}

function locateIdnAreaData() {
  const candidates = [];
  if (process.env.IDN_AREA_DATA_DIR) {
    const d = path.resolve(process.env.IDN_AREA_DATA_DIR);
    candidates.push(d, path.join(d, 'node_modules', 'idn-area-data'), path.dirname(d));
  } else {
    try {
      candidates.push(path.dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')));
    } catch { /* not installed */ }
  }
  for (const dir of candidates) {
    if (existsSync(path.join(dir, 'data', 'regencies.csv')) && existsSync(path.join(dir, 'package.json'))) return dir;
  }
  console.error('idn-area-data not found: install it outside the repo and set IDN_AREA_DATA_DIR to the package folder (see the top of this script)');
  process.exit(1);
}

// ---------------------------------------------------------------------------
// Load inputs
// ---------------------------------------------------------------------------

const idnDir = locateIdnAreaData();
const idnPkg = JSON.parse(readFileSync(path.join(idnDir, 'package.json'), 'utf8'));
const readIdn = (f) => parseCsv(readFileSync(path.join(idnDir, 'data', f), 'utf8'));

/** Accept "1571" as well as "15.71" (older releases); always emit the dotted form. */
const dotted = (code) => (/^\d{4}$/.test(code) ? `${code.slice(0, 2)}.${code.slice(2)}` : code);

const provinces = readIdn('provinces.csv').map((p) => ({ code: p.code, name: titleCase(p.name.trim()) }));
const regencies = readIdn('regencies.csv').map((r) => {
  const code = dotted(r.code);
  const name = titleCase(r.name.trim());
  const m = /^(Kabupaten|Kota)\s+(?:Administrasi\s+)?(.+)$/.exec(name);
  if (!m) throw new Error(`idn-area-data regency ${code} "${name}": neither Kabupaten nor Kota`);
  const category = m[1] === 'Kota' ? 'kota' : 'kabupaten';
  // Kemendagri codes: kota are numbered 71 and up within a province.
  if ((Number(code.split('.')[1]) >= 71) !== (category === 'kota')) {
    console.warn(`warning: ${code} "${name}" category does not match its code range`);
  }
  return { code, name, bare: m[2], category, provinceCode: r.province_code ?? code.split('.')[0] };
});

const problems = [];
if (provinces.length !== 38) problems.push(`idn-area-data has ${provinces.length} provinces, expected 38`);
const provByCode = new Map(provinces.map((p) => [p.code, p]));
for (const r of regencies) {
  if (!provByCode.has(r.provinceCode)) problems.push(`regency ${r.code} has unknown province ${r.provinceCode}`);
  if (!r.code.startsWith(`${r.provinceCode}.`)) problems.push(`regency ${r.code} code does not start with province ${r.provinceCode}`);
}

const rows = [];
for (const year of YEARS) {
  const file = path.join(RESULTS_DIR, `spbe-results-${year}.csv`);
  parseCsv(readFileSync(file, 'utf8')).forEach((r, i) => {
    if (Number(r.year) !== year) problems.push(`${path.basename(file)} line ${i + 2}: year ${r.year}`);
    rows.push({ year, line: i + 2, category: r.category, province: r.province, instansi: r.instansi });
  });
}

// ---------------------------------------------------------------------------
// Regional agencies
// ---------------------------------------------------------------------------

const usedAliases = new Set();
const provinceNameIndex = new Map(); // normalised name -> code
for (const p of provinces) provinceNameIndex.set(norm(p.name), p.code);
for (const [alias, code] of Object.entries(PROVINCE_ALIASES)) {
  if (provinceNameIndex.has(alias)) throw new Error(`province alias ${alias} clashes with an idn-area-data name`);
  if (!provByCode.has(code)) throw new Error(`province alias ${alias}: unknown code ${code}`);
}
/** Province code for a CSV province name or provincial instansi name, or undefined. */
function provinceCodeOf(name) {
  const key = norm(name);
  if (Object.hasOwn(PROVINCE_ALIASES, key)) {
    usedAliases.add(`province:${key}`);
    return PROVINCE_ALIASES[key];
  }
  return provinceNameIndex.get(key);
}

const agencies = new Map(); // code -> agency
for (const p of provinces) {
  agencies.set(p.code, {
    code: p.code,
    name: `Pemerintah Provinsi ${PROVINCE_DISPLAY[p.code] ?? p.name}`,
    category: 'provinsi',
    parentCode: null,
    regionName: p.name,
    publishedNames: [],
  });
}
for (const r of regencies) {
  agencies.set(r.code, {
    code: r.code,
    name: `Pemerintah ${r.name}`,
    category: r.category,
    parentCode: r.provinceCode,
    regionName: r.name,
    publishedNames: [],
  });
}

const assignments = []; // { row, code } or { row, error }

function matchRegional(row) {
  const provCode = provinceCodeOf(row.province);
  if (!provCode) return { error: `unknown province "${row.province}"` };

  if (row.category === 'provinsi') {
    const m = /^Pemerintah\s+(?:Provinsi\s+)?(.+)$/.exec(row.instansi);
    if (!m) return { error: 'provincial name does not start with "Pemerintah"' };
    const named = provinceCodeOf(m[1]);
    if (named !== provCode) return { error: `name "${m[1]}" is not province ${provCode} (${row.province})` };
    return { code: provCode };
  }

  const aliasKey = `${row.province}|${row.instansi}`;
  if (Object.hasOwn(REGIONAL_ALIASES, aliasKey)) {
    usedAliases.add(`regional:${aliasKey}`);
    const code = REGIONAL_ALIASES[aliasKey];
    const a = agencies.get(code);
    if (!a || a.category !== row.category || a.parentCode !== provCode) {
      return { error: `alias target ${code} is not a ${row.category} in province ${provCode}` };
    }
    return { code };
  }

  const m = /^Pemerintah\s+(Kab\.|Kabupaten|Kota)\s+(?:Administrasi\s+)?(.+)$/.exec(row.instansi);
  if (!m) return { error: 'regional name not of the form "Pemerintah Kab./Kota X"' };
  const kind = m[1] === 'Kota' ? 'kota' : 'kabupaten';
  if (kind !== row.category) return { error: `name says ${kind}, row says ${row.category}` };
  const key = norm(m[2]);
  const hits = regencies.filter((r) => r.provinceCode === provCode && r.category === kind && norm(r.bare) === key);
  if (hits.length === 1) return { code: hits[0].code };
  if (hits.length > 1) return { error: `ambiguous: ${hits.map((h) => h.code).join(', ')}` };
  return { error: `no ${kind} "${m[2]}" in province ${provCode} ${provByCode.get(provCode).name}` };
}

for (const row of rows) {
  if (row.category === 'provinsi' || row.category === 'kabupaten' || row.category === 'kota') {
    assignments.push({ row, ...matchRegional(row) });
  }
}

// ---------------------------------------------------------------------------
// Central agencies (kementerian / lembaga)
// ---------------------------------------------------------------------------

for (const from of Object.keys(CENTRAL_ALIASES)) {
  if (rows.some((r) => r.instansi === from)) usedAliases.add(`central:${from}`);
}

const centralGroups = new Map(); // centralKey -> { category, names(by year), firstSeen }
// Codes are numbered in order of first appearance in 2024, then 2023-only ones.
const centralRows = rows.filter((r) => r.category === 'kementerian' || r.category === 'lembaga');
const orderForNumbering = [...centralRows.filter((r) => r.year === 2024), ...centralRows.filter((r) => r.year !== 2024)];
for (const row of orderForNumbering) {
  const key = centralKey(row.instansi);
  if (!centralGroups.has(key)) centralGroups.set(key, { key, category: row.category, rows: [] });
  const g = centralGroups.get(key);
  g.rows.push(row);
}
const counters = { kementerian: 0, lembaga: 0 };
const centralByKey = new Map();
for (const g of centralGroups.values()) {
  const categories = new Set(g.rows.map((r) => r.category));
  if (categories.size > 1) {
    problems.push(`central body "${g.rows[0].instansi}" has categories ${[...categories].join('/')} across years`);
  }
  const prefix = g.category === 'kementerian' ? 'K' : 'L';
  const code = `KL.${prefix}${String(++counters[g.category]).padStart(2, '0')}`;
  const latest = [...g.rows].sort((a, b) => b.year - a.year)[0].instansi;
  const agency = {
    code,
    name: CENTRAL_NAME_OVERRIDES[latest] ?? latest,
    category: g.category,
    parentCode: null,
    regionName: null,
    publishedNames: [],
  };
  agencies.set(code, agency);
  centralByKey.set(g.key, agency);
}
for (const row of centralRows) {
  const a = centralByKey.get(centralKey(row.instansi));
  assignments.push(a.category === row.category ? { row, code: a.code } : { row, error: `category ${a.category} != ${row.category}` });
}

// ---------------------------------------------------------------------------
// publishedNames (2023 names first, then 2024 names that differ) and checks
// ---------------------------------------------------------------------------

const byYearAndAgency = new Map();
assignments.sort((a, b) => a.row.year - b.row.year || a.row.line - b.row.line);
for (const a of assignments) {
  if (a.error) continue;
  const agency = agencies.get(a.code);
  if (!agency.publishedNames.includes(a.row.instansi)) agency.publishedNames.push(a.row.instansi);
  const k = `${a.row.year}|${a.code}`;
  if (byYearAndAgency.has(k)) {
    a.error = `same agency ${a.code} as line ${byYearAndAgency.get(k).line} of ${a.row.year}`;
  } else byYearAndAgency.set(k, a.row);
}

// Every published name must resolve to exactly one agency of the row's category
// (and, for regional rows, the row's province).
const provinceOf = (ag) => (ag.category === 'provinsi' ? ag.code : ag.parentCode);
for (const a of assignments) {
  if (a.error) continue;
  const owners = [...agencies.values()].filter((ag) => ag.publishedNames.includes(a.row.instansi) && ag.category === a.row.category);
  const rowProv = a.row.category === 'kementerian' || a.row.category === 'lembaga' ? null : provinceCodeOf(a.row.province);
  const inScope = owners.filter((ag) => rowProv === null || provinceOf(ag) === rowProv);
  if (inScope.length !== 1) a.error = `published name resolves to ${inScope.length} agencies (${inScope.map((x) => x.code).join(', ')})`;
}

const allAliases = [
  ...Object.keys(PROVINCE_ALIASES).map((k) => `province:${k}`),
  ...Object.keys(REGIONAL_ALIASES).map((k) => `regional:${k}`),
  ...Object.keys(CENTRAL_ALIASES).map((k) => `central:${k}`),
];
for (const alias of allAliases) if (!usedAliases.has(alias)) problems.push(`stale alias (no CSV row uses it): ${alias}`);

// ---------------------------------------------------------------------------
// Order and output
// ---------------------------------------------------------------------------

const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const all = [...agencies.values()];
const ordered = [];
for (const p of all.filter((a) => a.category === 'provinsi').sort(byCode)) {
  ordered.push(p, ...all.filter((a) => a.parentCode === p.code).sort(byCode));
}
ordered.push(...all.filter((a) => a.category === 'kementerian').sort(byCode));
ordered.push(...all.filter((a) => a.category === 'lembaga').sort(byCode));
if (ordered.length !== all.length) problems.push(`ordering lost agencies: ${ordered.length} of ${all.length}`);

const source =
  `Provinces and kabupaten/kota with Kemendagri codes: idn-area-data ${idnPkg.version} ` +
  '(https://github.com/fityannugroho/idn-area-data; data under the Open Database License ODbL 1.0, ' +
  'https://opendatacommons.org/licenses/odbl/1-0/). Central agencies (kementerian/lembaga, codes KL.K../KL.L.. ' +
  'numbered by first appearance in 2024, then 2023-only) and publishedNames: Kementerian PANRB SPBE evaluation ' +
  'results 2023 and 2024, seed/official-results/. Generated by scripts/build-agencies.mjs; do not edit by hand.';
const output = `${JSON.stringify({ source, agencies: ordered }, null, 2)}\n`;

// ---------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------

const failed = assignments.filter((a) => a.error);
const count = (list, cat) => list.filter((x) => x.category === cat).length;
const CATS = ['provinsi', 'kabupaten', 'kota', 'kementerian', 'lembaga'];
console.log(`idn-area-data ${idnPkg.version} from ${idnDir}`);
console.log('agencies per category:');
for (const c of CATS) {
  const list = ordered.filter((a) => a.category === c);
  const withRows = list.filter((a) => a.publishedNames.length > 0).length;
  console.log(`  ${c.padEnd(12)} ${String(list.length).padStart(4)}  (${withRows} with published results)`);
}
console.log(`  ${'total'.padEnd(12)} ${String(ordered.length).padStart(4)}`);
for (const year of YEARS) {
  const yr = assignments.filter((a) => a.row.year === year);
  const parts = CATS.map((c) => `${c} ${yr.filter((a) => a.row.category === c && !a.error).length}/${count(yr.map((a) => a.row), c)}`);
  console.log(`rows ${year}: ${parts.join(', ')}`);
}
const multi = ordered.filter((a) => a.publishedNames.length > 1);
console.log(`agencies published under more than one name: ${multi.length}`);
for (const a of multi) console.log(`  ${a.code}: ${a.publishedNames.map((n) => JSON.stringify(n)).join(' / ')}`);
const aliasUse = (kind, table) => `${kind} ${[...usedAliases].filter((u) => u.startsWith(`${kind}:`)).length}/${Object.keys(table).length}`;
console.log(`aliases used: ${aliasUse('province', PROVINCE_ALIASES)}, ${aliasUse('regional', REGIONAL_ALIASES)}, ${aliasUse('central', CENTRAL_ALIASES)}`);
console.log(`unmatched or ambiguous rows: ${failed.length}`);
for (const a of failed) console.log(`  ${a.row.year} line ${a.row.line} [${a.row.category}, ${a.row.province || '-'}] "${a.row.instansi}": ${a.error}`);
for (const p of problems) console.log(`problem: ${p}`);

if (failed.length || problems.length) {
  console.error('FAILED: agencies.json not written');
  process.exit(1);
}

if (CHECK_ONLY) {
  const current = existsSync(OUT) ? readFileSync(OUT, 'utf8') : '';
  if (current !== output) {
    console.error(`${path.relative(ROOT, OUT)} is out of date; rerun scripts/build-agencies.mjs`);
    process.exit(1);
  }
  console.log(`${path.relative(ROOT, OUT)} is up to date`);
} else {
  writeFileSync(OUT, output);
  console.log(`wrote ${path.relative(ROOT, OUT)} (${ordered.length} agencies)`);
}

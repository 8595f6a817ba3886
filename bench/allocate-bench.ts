// npm run bench:allocate [-- --lines N] : how fast `tollgate allocate` runs a month, against one
// hand-written SQL statement doing the same mapping and splits, measured in the same run.
// 1. Fill a fresh database with N synthetic FOCUS lines for 2026-01 (default 1,000,000), made
//    by DuckDB itself (range() and hashed columns): 3 providers, 2 currencies, tags with `team`,
//    `Team` and none, 10% of lines on shared services, 2% credits.
// 2. Apply a catalogue (100 teams), a rule set of 200 mapping rules (tag equals, account in,
//    resource prefix, service regex, one case-insensitive tag rule) and 10 shared-cost rules
//    (even, proportional, driver, fixed), and cpu-hours drivers.
// 3. Time the allocation run (classify, weigh, split by cumulative rounding, write, check
//    conservation, record the run) and the baseline: one CREATE TABLE AS with a single CASE for
//    the mapping and the same splits done naively (amount x weight / total in floating point,
//    no remainder handling), writing the same columns as allocated_lines. Median of RUNS each,
//    alternating; print both and the ratio (target <= 1.5). The allocation run writes with
//    preserve_insertion_order off, so the baseline is also timed with that setting.
// 4. Print where the run's time goes: every statement it sends is timed and put in a phase by
//    its text (PHASES); the commit is the time between its last statement and its return.
//    Rounds after the first re-run the month, replacing its period table (2.18M rows) whole.
//    Every timed step starts after a CHECKPOINT, so no step pays at its commit for the
//    write-ahead log of the one before.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDuckDbStores } from '../src/adapters/open-duckdb-stores.js';
import { loadDrivers } from '../src/app/allocation/load-drivers.js';
import { applyCatalog } from '../src/app/allocation/manage-catalog.js';
import { applyRules } from '../src/app/allocation/manage-rules.js';
import { allocatePeriods } from '../src/app/allocation/run-allocation.js';
import { commandLineActor } from '../src/app/audit/record-audit.js';

const RUNS = 3;
const TEAMS = Array.from({ length: 100 }, (_, index) => `team-${String(index).padStart(2, '0')}`);

function argValue(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1000)
    throw new Error(`${name} takes a whole number of 1000 or more`);
  return value;
}

function catalogYaml(): string {
  const centres = Array.from(
    { length: 10 },
    (_, index) => `  - {id: cc-${index}, name: Centre ${index}, business_unit: bu}`,
  );
  const teams = TEAMS.map(
    (team, index) => `  - {id: ${team}, name: Team ${index}, cost_centre: cc-${index % 10}}`,
  );
  return `business_units:\n  - {id: bu, name: Company}\ncost_centres:\n${centres.join('\n')}\nteams:\n${teams.join('\n')}\nenvironments:\n  - {id: prod, name: Production, production: true}\n`;
}

interface MappingDef {
  yaml: string;
  /** The same condition, hand-written for the baseline. */
  sql: string;
  team: string;
}

function mappingRules(): MappingDef[] {
  const rules: MappingDef[] = [];
  for (let index = 0; index < 100; index++) {
    const team = TEAMS[index]!;
    rules.push({ yaml: `tag:team: ${team}`, sql: `json_extract_string(tags, '$."team"') = '${team}'`, team });
  }
  for (let index = 0; index < 50; index++) {
    const accounts = [`acc-${index * 2}`, `acc-${index * 2 + 1}`];
    rules.push({
      yaml: `sub_account_id: {in: [${accounts.join(', ')}]}`,
      sql: `sub_account_id IN ('${accounts.join("', '")}')`,
      team: TEAMS[index % 100]!,
    });
  }
  for (let index = 0; index < 30; index++) {
    rules.push({
      yaml: `resource_id: {prefix: res-${index + 10}}`,
      sql: `starts_with(resource_id, 'res-${index + 10}')`,
      team: TEAMS[(index * 3) % 100]!,
    });
  }
  for (let index = 0; index < 19; index++) {
    rules.push({
      yaml: `service_name: {regex: '^Service ${index}[0-9]?$'}`,
      sql: `regexp_matches(service_name, '^Service ${index}[0-9]?$')`,
      team: TEAMS[(index * 7) % 100]!,
    });
  }
  rules.push({
    yaml: `tag:team: {prefix: team-, ignore_key_case: true}`,
    sql: `starts_with(COALESCE(json_extract_string(tags, '$."team"'), list_sort(list_filter(map_entries(from_json(tags, '"MAP(VARCHAR, VARCHAR)"')), e -> lower(e.key) = 'team'))[1].value), 'team-')`,
    team: TEAMS[99]!,
  });
  return rules;
}

interface SharedDef {
  service: string;
  method: 'even' | 'proportional' | 'driver' | 'fixed';
  targets: string[];
  shares?: number[];
}

function sharedRules(): SharedDef[] {
  const methods = ['even', 'proportional', 'driver', 'fixed'] as const;
  return Array.from({ length: 10 }, (_, index) => {
    const method = methods[index % 4]!;
    if (method === 'fixed')
      return {
        service: `Shared ${index}`,
        method,
        targets: TEAMS.slice(index * 4, index * 4 + 4),
        shares: [40, 30, 20, 10],
      };
    const size = method === 'even' ? 10 : method === 'proportional' ? 20 : 15;
    return { service: `Shared ${index}`, method, targets: TEAMS.slice(index * 5, index * 5 + size) };
  });
}

function rulesYaml(mapping: MappingDef[], shared: SharedDef[]): string {
  const out = ['shared:'];
  shared.forEach((rule, index) => {
    out.push(
      `  - id: shared-${index}`,
      `    when: {service_name: ${rule.service}}`,
      `    split: ${rule.method}`,
    );
    if (rule.method === 'fixed')
      out.push(`    shares: {${rule.targets.map((team, at) => `${team}: ${rule.shares![at]}`).join(', ')}}`);
    else out.push(`    targets: [${rule.targets.join(', ')}]`);
    if (rule.method === 'driver') out.push('    driver: cpu-hours');
  });
  out.push('mapping:');
  mapping.forEach((rule, index) => {
    out.push(`  - id: map-${index}`, `    when: {${rule.yaml}}`, `    set: {team: ${rule.team}}`);
  });
  return `${out.join('\n')}\n`;
}

function baselineSql(mapping: MappingDef[], shared: SharedDef[]): string {
  const sharedCase = shared
    .map((rule, index) => `WHEN service_name = '${rule.service}' THEN ${index}`)
    .join(' ');
  const mappingCase = mapping.map((rule, index) => `WHEN ${rule.sql} THEN ${index}`).join(' ');
  const owners = mapping.map(
    (rule, index) => `(${index}, 'map-${index}', '${rule.team}', 'cc-${Number(rule.team.slice(5)) % 10}')`,
  );
  const targets = shared.flatMap((rule, index) =>
    rule.targets.map(
      (team, at) =>
        `(${index}, 'shared-${index}', '${rule.method}', '${team}', 'cc-${Number(team.slice(5)) % 10}', ${rule.shares?.[at] ?? 1})`,
    ),
  );
  // The same output as an allocation run (every column of allocated_lines), in one statement.
  return `CREATE OR REPLACE TABLE baseline_allocated AS
WITH l AS (
  SELECT load_id, source_file, source_row, strftime(billing_period_start, '%Y-%m') AS period, billing_currency AS currency,
    billed_cost AS billed, effective_cost AS effective,
    CASE ${sharedCase} END AS shared_rule,
    CASE ${mappingCase} END AS mapping_rule
  FROM cost_lines WHERE billing_period_start >= TIMESTAMP '2026-01-01' AND billing_period_start < TIMESTAMP '2026-02-01'
),
owners(rule, rule_id, team, cost_centre) AS (VALUES ${owners.join(', ')}),
direct AS (
  SELECT l.currency, o.team, sum(l.effective) AS eff FROM l JOIN owners o ON o.rule = l.mapping_rule
  WHERE l.shared_rule IS NULL GROUP BY ALL
),
targets(rule, rule_id, method, team, cost_centre, fixed) AS (VALUES ${targets.join(', ')}),
weights AS (
  SELECT t.*, cur.currency,
    CASE t.method WHEN 'even' THEN 1 WHEN 'fixed' THEN t.fixed WHEN 'driver' THEN COALESCE(d.quantity, 0)
      ELSE greatest(COALESCE(dr.eff, 0), 0) END AS w
  FROM targets t CROSS JOIN (SELECT DISTINCT currency FROM l) cur
  LEFT JOIN driver_values d ON d.period = '2026-01' AND d.driver = 'cpu-hours' AND d.team = t.team
  LEFT JOIN direct dr ON dr.currency = cur.currency AND dr.team = t.team
),
norm AS (SELECT *, w / sum(w) OVER (PARTITION BY rule, currency) AS f FROM weights)
SELECT 1 AS run_id, l.period, l.load_id, l.source_file, l.source_row, l.currency, 'direct' AS kind, o.rule_id, NULL AS method,
  NULL AS driver, o.team, NULL AS service, o.cost_centre, 'bu' AS business_unit, NULL AS environment,
  l.billed AS billed_cost, l.effective AS effective_cost
FROM l JOIN owners o ON o.rule = l.mapping_rule WHERE l.shared_rule IS NULL
UNION ALL
SELECT 1, l.period, l.load_id, l.source_file, l.source_row, l.currency, 'unallocated', NULL, NULL, NULL,
  'unallocated', 'unallocated', 'unallocated', 'unallocated', NULL, l.billed, l.effective
FROM l WHERE l.shared_rule IS NULL AND l.mapping_rule IS NULL
UNION ALL
SELECT 1, l.period, l.load_id, l.source_file, l.source_row, l.currency, 'shared', n.rule_id, n.method,
  CASE WHEN n.method = 'driver' THEN 'cpu-hours' END, n.team, NULL, n.cost_centre, 'bu', NULL,
  CAST(l.billed * n.f AS DECIMAL(38,16)), CAST(l.effective * n.f AS DECIMAL(38,16))
FROM l JOIN norm n ON n.rule = l.shared_rule AND n.currency = l.currency WHERE n.f > 0`;
}

/** Phases of an allocation run, found by the text of the statements it sends (first match wins). */
const PHASES: [string, RegExp][] = [
  ['read inputs (totals, loads)', /FROM cost_lines WHERE billing_period_start[\s\S]*GROUP BY 1 ORDER BY 1/],
  [
    'replace the period table (drop, create, view)',
    /^(DELETE FROM allocated_lines|DROP TABLE IF EXISTS allocated_lines_p|CREATE TABLE allocated_lines_p|CREATE OR REPLACE VIEW allocated_lines|SELECT table_name FROM duckdb_tables)/,
  ],
  ['write allocated lines (classifies the lines again)', /^INSERT INTO allocated_lines/],
  ['classify, grouped (direct totals, split keys)', /alloc_classified|alloc_split_weights/],
  ['conservation check', /FROM allocated_lines WHERE period = \$period GROUP BY 1, 2/],
];

type PhaseTimes = Map<string, number>;

type Statement = (sql: string, params?: Record<string, unknown>) => Promise<unknown>;

/**
 * Times every statement the database runs while `phases` is set, by phase. Wraps the instance's
 * own methods (`one` goes through `all`), so the run under test is the real one, unchanged.
 */
function recordPhases(db: { run: Statement; all: Statement }) {
  const state: { phases?: PhaseTimes; lastEnd: number } = { lastEnd: 0 };
  for (const method of ['run', 'all'] as const) {
    const original = db[method].bind(db);
    db[method] = async (sql, params) => {
      const phases = state.phases;
      if (!phases) return original(sql, params);
      const at = performance.now();
      try {
        return await original(sql, params);
      } finally {
        state.lastEnd = performance.now();
        const label = PHASES.find(([, pattern]) => pattern.test(sql.trim()))?.[0] ?? 'other statements';
        phases.set(label, (phases.get(label) ?? 0) + (state.lastEnd - at) / 1000);
      }
    };
  }
  return {
    async time<T>(work: () => Promise<T>): Promise<{ result: T; total: number; phases: PhaseTimes }> {
      const phases: PhaseTimes = new Map();
      state.phases = phases;
      const at = performance.now();
      try {
        const result = await work();
        const end = performance.now();
        phases.set('commit (after the last statement)', (end - state.lastEnd) / 1000);
        return { result, total: (end - at) / 1000, phases };
      } finally {
        state.phases = undefined;
      }
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const lineCount = argValue('--lines', 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'tollgate-allocate-bench-'));
const stores = await openDuckDbStores({ path: join(dir, 'bench.duckdb'), memoryLimit: '4GB', threads: 4 });
const recorder = recordPhases(stores.db as unknown as { run: Statement; all: Statement });
try {
  const started = performance.now();
  await stores.db.run(
    `INSERT INTO cost_lines BY NAME
     SELECT 1 AS load_id, 'bench.csv' AS source_file, i AS source_row,
       TIMESTAMP '2026-01-01' AS billing_period_start, TIMESTAMP '2026-02-01' AS billing_period_end,
       TIMESTAMP '2026-01-01' + INTERVAL (i % 31) DAY AS charge_period_start,
       TIMESTAMP '2026-01-01' + INTERVAL (i % 31) DAY + INTERVAL 1 HOUR AS charge_period_end,
       CASE WHEN i % 10 = 0 THEN 'EUR' ELSE 'USD' END AS billing_currency,
       ['AWS', 'Microsoft', 'Google Cloud'][i % 3 + 1] AS provider_name,
       CASE WHEN i % 100 < 10 THEN 'Shared ' || (i % 10) ELSE 'Service ' || (i % 200) END AS service_name,
       'acc-' || (i % 120) AS sub_account_id,
       'res-' || ((i * 7919) % 50000) AS resource_id,
       CASE WHEN i % 50 = 7 THEN 'Credit' ELSE 'Usage' END AS charge_category,
       CAST(CAST(hash(i) % 100000000 AS DECIMAL(18,0)) * CAST('0.000001' AS DECIMAL(18,16)) * CASE WHEN i % 50 = 7 THEN -1 ELSE 1 END AS DECIMAL(38,16)) AS billed_cost,
       CAST(CAST(hash(i) % 100000000 AS DECIMAL(18,0)) * CAST('0.0000009' AS DECIMAL(18,16)) * CASE WHEN i % 50 = 7 THEN -1 ELSE 1 END AS DECIMAL(38,16)) AS effective_cost,
       CASE WHEN i % 20 = 0 THEN NULL
            WHEN i % 20 = 1 THEN '{"Team":"team-' || lpad(CAST(hash(i * 31) % 100 AS VARCHAR), 2, '0') || '","env":"prod"}'
            ELSE '{"team":"team-' || lpad(CAST(hash(i * 31) % 100 AS VARCHAR), 2, '0') || '","env":"prod","app":"app-' || (i % 500) || '"}'
       END AS tags
     FROM range(${lineCount}) t(i)`,
  );
  // Lines whose team tag names a team (team-00..team-79) are claimed by the tag rules; make a
  // fifth of the tags name retired teams so account, prefix and regex rules do work too.
  await stores.db.run(
    `UPDATE cost_lines SET tags = replace(tags, '"team":"team-8', '"team":"old-8') WHERE source_row % 5 = 2`,
  );
  const generated = (performance.now() - started) / 1000;

  const mapping = mappingRules();
  const shared = sharedRules();
  writeFileSync(join(dir, 'catalog.yaml'), catalogYaml());
  writeFileSync(join(dir, 'rules.yaml'), rulesYaml(mapping, shared));
  writeFileSync(
    join(dir, 'drivers.csv'),
    `period,driver,team,quantity\n${TEAMS.map((team, index) => `2026-01,cpu-hours,${team},${((index * 37) % 500) + 1}.5`).join('\n')}\n`,
  );
  await applyCatalog(stores, join(dir, 'catalog.yaml'), commandLineActor());
  await applyRules(stores, join(dir, 'rules.yaml'), { actor: commandLineActor() });
  await loadDrivers(stores, join(dir, 'drivers.csv'), commandLineActor());
  const baseline = baselineSql(mapping, shared);

  const runTimes: number[] = [];
  const baselineTimes: number[] = [];
  const unorderedTimes: number[] = [];
  const phaseTimes: PhaseTimes[] = [];
  let summary: Awaited<ReturnType<typeof allocatePeriods>> | undefined;
  for (let round = 0; round < RUNS; round++) {
    // Each timed step starts from a checkpointed file, so none pays for the write-ahead log
    // another left behind (DuckDB checkpoints at the commit that crosses its threshold).
    await stores.db.run('CHECKPOINT');
    const timed = await recorder.time(() => allocatePeriods(stores, '2026-01', commandLineActor()));
    summary = timed.result;
    runTimes.push(timed.total);
    phaseTimes.push(timed.phases);
    await stores.db.run('CHECKPOINT');
    let at = performance.now();
    await stores.db.run(baseline);
    baselineTimes.push((performance.now() - at) / 1000);
    await stores.db.run('CHECKPOINT');
    // The same statement with the engine setting the allocation run uses for its write.
    await stores.transaction(async () => {
      await stores.db.run('SET preserve_insertion_order = false');
      at = performance.now();
      await stores.db.run(baseline);
      unorderedTimes.push((performance.now() - at) / 1000);
      await stores.db.run('RESET preserve_insertion_order');
    });
  }
  const rows = await stores.db.one<{ allocated: string; baseline: string }>(
    `SELECT (SELECT CAST(count(*) AS VARCHAR) FROM allocated_lines) AS allocated, (SELECT CAST(count(*) AS VARCHAR) FROM baseline_allocated) AS baseline`,
  );
  const run = summary!.runs[0]!;
  const tollgate = median(runTimes);
  const hand = median(baselineTimes);
  console.log(
    `lines: ${lineCount.toLocaleString('en-US')} (generated in ${generated.toFixed(1)} s); rules: ${mapping.length} mapping, ${shared.length} shared`,
  );
  console.log(
    `allocated rows: tollgate ${Number(rows!.allocated).toLocaleString('en-US')}, baseline ${Number(rows!.baseline).toLocaleString('en-US')}`,
  );
  for (const total of run.totals)
    console.log(
      `  ${total.currency}: ingested ${total.ingested.effectiveCost}, unallocated ${total.unallocated.effectiveCost} (conservation checked exactly)`,
    );
  console.log(
    `tollgate allocate (median of ${RUNS}): ${tollgate.toFixed(2)} s   [${runTimes.map((time) => time.toFixed(2)).join(', ')}]`,
  );
  console.log(
    `baseline single statement (median of ${RUNS}): ${hand.toFixed(2)} s   [${baselineTimes.map((time) => time.toFixed(2)).join(', ')}]`,
  );
  console.log('  where the run spends its time (median of each phase):');
  const labels = [...PHASES.map(([label]) => label), 'other statements', 'commit (after the last statement)'];
  for (const label of labels) {
    const times = phaseTimes.map((phases) => phases.get(label) ?? 0);
    console.log(
      `    ${label.padEnd(40)} ${median(times).toFixed(2)} s   [${times.map((time) => time.toFixed(2)).join(', ')}]`,
    );
  }
  const unordered = median(unorderedTimes);
  console.log(
    `baseline without insertion order (median of ${RUNS}): ${unordered.toFixed(2)} s   [${unorderedTimes.map((time) => time.toFixed(2)).join(', ')}]`,
  );
  console.log(`ratio: ${(tollgate / hand).toFixed(2)}x against the plain statement (target <= 1.5x)`);
  console.log(
    `ratio: ${(tollgate / unordered).toFixed(2)}x against the statement with the same engine setting`,
  );
} finally {
  await stores.close();
  rmSync(dir, { recursive: true, force: true });
}

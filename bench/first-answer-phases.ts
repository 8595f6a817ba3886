// Where the first answer's time goes, phase by phase (npm run bench:first-answer -- --phases).
// Runs `tollgate ingest` and `tollgate costs` once more on a fresh database with
// trace-duckdb-statements.cjs preloaded, apart from the measured runs (the trace costs a little),
// and sorts each statement's wall and CPU time into the phases of the work.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TRACE_PRELOAD = join(ROOT, 'bench', 'trace-duckdb-statements.cjs');
/**
 * The built CLI to trace: tsc's unbundled output. The trace wraps the driver's classes as
 * loaded by require; bin/tollgate.js runs a bundle carrying its own copy of them (scripts/bundle-cli.ts).
 */
export const UNBUNDLED_CLI = join(ROOT, 'dist', 'cli', 'main.js');

interface TracedStatement {
  sql: string;
  atMs: number;
  /** The process's CPU time (ms, all threads) when the statement began. */
  cpuAtMs: number;
  wallMs: number;
  cpuMs: number;
}

interface Trace {
  totalCpuMs: number;
  totalWallMs: number;
  statements: TracedStatement[];
}

export interface Phase {
  name: string;
  wallMs: number;
  cpuMs: number;
  statements: number;
}

/** The phase a statement belongs to, by what it does. */
const PHASE_OF: { name: string; matches: RegExp }[] = [
  { name: 'read, type and check the file (staging table)', matches: /^CREATE TEMP TABLE tollgate_stage\b/ },
  { name: 'copy the lines into cost_lines', matches: /^INSERT INTO cost_lines\b/ },
  { name: 'build the cost rollups', matches: /^INSERT INTO cost_rollup_/ },
  { name: 'count check failures, sum periods', matches: /\sFROM\s+(tollgate_stage|tollgate_lines)\b/ },
  { name: 'commit the load (with its audit entry)', matches: /\bCOMMIT\s*$/ },
  { name: 'close the database (checkpoint)', matches: /^\(close the database/ },
  { name: 'the cost query', matches: /^SELECT\s.*\sFROM\s+cost_(rollup_\w+|lines)\b/s },
];

/** Statements that open a database: connection settings, the migration runner and the migrations. */
const OPENING =
  /^(SET |CREATE |ALTER |DROP |COMMENT |--|BEGIN|COMMIT|INSERT INTO schema_migrations|SELECT version FROM schema_migrations)/;

/** Sorts one traced process's time into phases: start-up, opening (and migrating), its statements, its JavaScript. */
export function phasesOf(trace: Trace): Phase[] {
  const phases = new Map<string, Phase>();
  const add = (name: string, wallMs: number, cpuMs: number, statements: number) => {
    const phase = phases.get(name) ?? { name, wallMs: 0, cpuMs: 0, statements: 0 };
    phase.wallMs += wallMs;
    phase.cpuMs += cpuMs;
    phase.statements += statements;
    phases.set(name, phase);
  };
  const first = trace.statements[0];
  // Start-up: node, the CLI's modules and DuckDB's driver, up to the first statement.
  const startup = { wall: first?.atMs ?? trace.totalWallMs, cpu: first?.cpuAtMs ?? trace.totalCpuMs };
  add('start-up (node, modules, driver)', startup.wall, startup.cpu, 0);
  // Until the first statement of the command's own work, DDL and settings are the opening's.
  let opening = true;
  for (const statement of trace.statements) {
    const sql = statement.sql.trimStart();
    if (opening && OPENING.test(sql)) {
      add('open the database and migrate', statement.wallMs, statement.cpuMs, 1);
      continue;
    }
    opening = false;
    const named = PHASE_OF.find((phase) => phase.matches.test(sql))?.name;
    add(named ?? 'other statements (loads, periods, audit log)', statement.wallMs, statement.cpuMs, 1);
  }
  const inStatements = [...phases.values()].reduce(
    (sum, phase) => ({ wall: sum.wall + phase.wallMs, cpu: sum.cpu + phase.cpuMs }),
    { wall: 0, cpu: 0 },
  );
  add(
    'JavaScript between statements (hashing, planning, output)',
    Math.max(0, trace.totalWallMs - inStatements.wall),
    Math.max(0, trace.totalCpuMs - inStatements.cpu),
    0,
  );
  return [...phases.values()];
}

/** Runs the CLI once with the statement trace and answers its phases. */
export function traceCliPhases(cli: string, args: string[], viaTsx: boolean, scratch: string): Phase[] {
  const traceFile = join(scratch, `statement-trace-${process.pid}.json`);
  rmSync(traceFile, { force: true });
  const loader = viaTsx ? ['--import', 'tsx'] : [];
  const child = spawnSync(process.execPath, ['--require', TRACE_PRELOAD, ...loader, cli, ...args], {
    cwd: ROOT,
    env: { ...process.env, BENCH_STATEMENT_TRACE_FILE: traceFile, TOLLGATE_DB: undefined },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (child.status !== 0)
    throw new Error(`traced ${args.join(' ')} exited ${child.status}:\n${child.stderr}`);
  const trace = JSON.parse(readFileSync(traceFile, 'utf8')) as Trace;
  rmSync(traceFile, { force: true });
  return phasesOf(trace);
}

/** One line per phase, largest CPU first, with its share of the process's CPU. */
export function describePhases(title: string, phases: Phase[]): string {
  const totalCpu = phases.reduce((sum, phase) => sum + phase.cpuMs, 0);
  const totalWall = phases.reduce((sum, phase) => sum + phase.wallMs, 0);
  const lines = [`${title}: ${(totalWall / 1000).toFixed(2)} s wall, ${(totalCpu / 1000).toFixed(2)} CPU-s`];
  for (const phase of [...phases].sort((a, b) => b.cpuMs - a.cpuMs)) {
    const share = totalCpu > 0 ? (100 * phase.cpuMs) / totalCpu : 0;
    lines.push(
      `  ${phase.name.padEnd(58)} ${(phase.wallMs / 1000).toFixed(2).padStart(7)} s wall ${(phase.cpuMs / 1000).toFixed(2).padStart(7)} CPU-s ${share.toFixed(0).padStart(3)}%${phase.statements > 0 ? ` (${phase.statements} statements)` : ''}`,
    );
  }
  return lines.join('\n');
}

// Preloaded (node --require) into a Tollgate CLI process by `npm run bench:first-answer -- --phases`:
// records every statement DuckDB runs, with its wall time and the process's CPU time (all
// threads, DuckDB's included) while it ran, and the instance's close (where DuckDB checkpoints),
// then writes them as JSON (times in ms since the process started) to the file named by BENCH_STATEMENT_TRACE_FILE at exit
// (and on SIGUSR2).
// It wraps the driver's statement entry points (a connection's run, which its read methods use,
// and a kept prepared statement's run), so each statement is counted once. The CLI runs one
// statement at a time, so the CPU used while a statement runs is that statement's.
const { writeFileSync } = require('node:fs');
const { DuckDBConnection, DuckDBInstance, DuckDBPreparedStatement } = require('@duckdb/node-api');

const target = process.env.BENCH_STATEMENT_TRACE_FILE;
const statements = [];
// Statements prepared by a caller (kept and run again), with their text.
const sqlOf = new WeakMap();

function cpuMs() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Long texts (a load's audit entry and COMMIT in one) keep their start and their end, which name what they do. */
function shorten(sql) {
  return sql.length > 2000 ? `${sql.slice(0, 1800)} ... ${sql.slice(-200)}` : sql;
}

function record(sql, run) {
  const wall = performance.now();
  const cpu = cpuMs();
  const done = () =>
    statements.push({
      sql: shorten(String(sql ?? '')),
      atMs: wall,
      cpuAtMs: cpu,
      wallMs: performance.now() - wall,
      cpuMs: cpuMs() - cpu,
    });
  const result = run();
  if (result && typeof result.then === 'function') return result.finally(done);
  done();
  return result;
}

if (target) {
  const run = DuckDBConnection.prototype.run;
  DuckDBConnection.prototype.run = function (sql, ...rest) {
    return record(sql, () => run.call(this, sql, ...rest));
  };
  const prepare = DuckDBConnection.prototype.prepare;
  DuckDBConnection.prototype.prepare = async function (sql) {
    const prepared = await prepare.call(this, sql);
    sqlOf.set(prepared, sql);
    return prepared;
  };
  const runPrepared = DuckDBPreparedStatement.prototype.run;
  DuckDBPreparedStatement.prototype.run = function () {
    // A statement prepared inside connection.run (one with parameters) is counted there.
    if (!sqlOf.has(this)) return runPrepared.call(this);
    return record(sqlOf.get(this), () => runPrepared.call(this));
  };
  const closeSync = DuckDBInstance.prototype.closeSync;
  DuckDBInstance.prototype.closeSync = function () {
    return record('(close the database: checkpoint)', () => closeSync.call(this));
  };
  const write = () =>
    writeFileSync(
      target,
      JSON.stringify({ totalCpuMs: cpuMs(), totalWallMs: performance.now(), statements }),
    );
  process.on('exit', write);
  // A server still draining its work when measured is asked for its trace so far (bench:api).
  process.on('SIGUSR2', write);
}

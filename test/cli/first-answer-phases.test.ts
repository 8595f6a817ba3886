import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { type Phase, traceCliPhases, UNBUNDLED_CLI } from '../../bench/first-answer-phases.js';
import { writeDemoCsvFile } from '../../src/demo/write-demo-exports.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir();

function phaseNamed(phases: Phase[], start: string): Phase {
  const phase = phases.find((candidate) => candidate.name.startsWith(start));
  assert.ok(phase, `no phase "${start}" in ${phases.map((candidate) => candidate.name).join('; ')}`);
  return phase;
}

describe('bench:first-answer --phases, the statement trace of the built CLI', () => {
  it('counts each statement of ingest and costs once, in its phase, within the process CPU', async () => {
    const csv = join(dir, 'focus.csv');
    await writeDemoCsvFile({ seed: 3, rows: 2_000, path: csv });
    const db = join(dir, 'phases.duckdb');
    const ingest = traceCliPhases(UNBUNDLED_CLI, ['--db', db, 'ingest', csv, '--json'], false, dir);
    assert.equal(phaseNamed(ingest, 'read, type and check').statements, 1);
    assert.equal(phaseNamed(ingest, 'copy the lines into cost_lines').statements, 1);
    assert.equal(phaseNamed(ingest, 'build the cost rollups').statements, 2);
    assert.equal(phaseNamed(ingest, 'commit the load').statements, 1);
    assert.equal(phaseNamed(ingest, 'close the database').statements, 1);
    // A fresh file runs every migration: many statements before the load's own.
    assert.ok(phaseNamed(ingest, 'open the database and migrate').statements > 20);
    const javascript = phaseNamed(ingest, 'JavaScript between statements');
    assert.ok(javascript.cpuMs > 0, 'the statements took more CPU than the whole process: counted twice');

    const costs = traceCliPhases(
      UNBUNDLED_CLI,
      ['--db', db, 'costs', '--by', 'service,month', '--json'],
      false,
      dir,
    );
    assert.equal(phaseNamed(costs, 'the cost query').statements, 1);
    assert.equal(
      costs.find((phase) => phase.name.startsWith('read, type and check')),
      undefined,
    );
    // An up-to-date file runs no migration, only the runner's check.
    assert.ok(phaseNamed(costs, 'open the database and migrate').statements < 10);
  });
});

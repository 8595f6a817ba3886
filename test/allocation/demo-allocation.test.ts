import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseDriverCsv } from '../../src/core/allocation/parse-driver-csv.js';
import { parseRuleSet } from '../../src/core/allocation/parse-rule-set.js';
import { CatalogIndex } from '../../src/core/catalog/catalog-index.js';
import { parseCatalog } from '../../src/core/catalog/parse-catalog.js';
import { demoDriversCsv } from '../../src/demo/allocation/demo-drivers.js';
import { DEMO_CATALOG } from '../../src/demo/demo-organisation.js';

const folder = fileURLToPath(new URL('../../src/demo/allocation/', import.meta.url));
const read = (name: string) => ({ file: name, text: readFileSync(`${folder}${name}`, 'utf8') });

describe('demo catalogue and rules', () => {
  it('the catalogue file is the demo organisation, valid', () => {
    const { catalog, problems } = parseCatalog([read('demo-catalog.yaml')]);
    assert.deepEqual(problems, []);
    assert.deepEqual(catalog, DEMO_CATALOG);
  });

  it('the rule set is valid against it, with no rule that can never match', () => {
    const { catalog } = parseCatalog([read('demo-catalog.yaml')]);
    const check = parseRuleSet(read('demo-rules.yaml'), new CatalogIndex(catalog!));
    assert.deepEqual(check.problems, []);
    assert.deepEqual(check.warnings, []);
    assert.deepEqual(
      check.ruleSet!.shared.map((rule) => rule.method),
      ['proportional', 'proportional', 'driver', 'even', 'fixed', 'proportional'],
    );
  });

  it('the drivers file loads for every month asked', () => {
    const teams = new Set(DEMO_CATALOG.teams.map((team) => team.id));
    const { values, problems } = parseDriverCsv('drivers.csv', demoDriversCsv(['2026-01', '2026-02']), teams);
    assert.deepEqual(problems, []);
    assert.equal(values.length, 16);
  });
});

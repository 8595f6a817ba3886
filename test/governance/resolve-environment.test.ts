import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveEnvironment } from '../../src/core/catalog/resolve-environment.js';
import { DEMO_CATALOG } from '../../src/demo/demo-organisation.js';
import { CATALOG } from './governance-fixtures.js';

describe('an env/environment tag resolved to a catalogue environment', () => {
  it('matches ids and names ignoring case and spaces, and synonyms both ways', () => {
    const fixture = CATALOG.environments; // production, staging, test
    const demo = DEMO_CATALOG.environments; // prod, staging, dev
    const cases: [string | null | undefined, typeof fixture, string | null][] = [
      ['production', fixture, 'production'],
      [' PROD ', fixture, 'production'],
      ['live', fixture, 'production'],
      ['Staging', fixture, 'staging'],
      ['stg', fixture, 'staging'],
      ['qa', fixture, 'test'],
      ['production', demo, 'prod'],
      ['prd', demo, 'prod'],
      ['development', demo, 'dev'],
    ];
    for (const [value, environments, expected] of cases)
      assert.equal(resolveEnvironment(value, environments), expected, `${value}`);
  });

  it('says unknown (null), never production, for no tag, an empty one or a word it cannot place', () => {
    for (const value of [undefined, null, '', '  ', 'qa-7', 'sandbox', 'prod-eu'])
      assert.equal(resolveEnvironment(value, CATALOG.environments), null, `${value}`);
    assert.equal(resolveEnvironment('prod', []), null, 'no catalogue: nothing to name');
  });

  it('refuses to guess when two catalogue environments share the synonym group', () => {
    const two = [
      { id: 'prod-eu', name: 'Production' },
      { id: 'prod-us', name: 'Production' },
    ];
    assert.equal(resolveEnvironment('live', two), null);
  });
});

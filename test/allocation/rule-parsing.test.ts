import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePeriodRange } from '../../src/core/allocation/billing-period.js';
import { findMissingOwners } from '../../src/core/allocation/find-missing-owners.js';
import { lookupTag } from '../../src/core/allocation/match-line.js';
import { parseRuleSet } from '../../src/core/allocation/parse-rule-set.js';
import { checkRegex } from '../../src/core/allocation/safe-regex.js';
import { CatalogIndex } from '../../src/core/catalog/catalog-index.js';
import { testCatalog, testCatalogIndex } from './allocation-fixtures.js';

describe('safe regexes', () => {
  const cases: [string, RegExp | null][] = [
    ['^prod-[a-z]+$', null],
    ['(prod|staging)-.*', null],
    ['(ab)+c', null],
    ['[ab]*', null],
    ['(a+)+$', /exponential/],
    ['(a*)*', /exponential/],
    ['(a|aa)*', /exponential/],
    ['((a|b))+', /exponential/],
    ['(x)\\1', /backreferences/],
    ['(?=a)b', /lookaround/],
    ['(?i)prod', /does not compile|inline flags/],
    ['(?<name>a)', /named groups/],
    ['a{1,5000}', /repeat counts/],
    ['(unclosed', /does not compile/],
    ['x'.repeat(300), /longer than 256/],
  ];
  for (const [pattern, refusal] of cases) {
    it(`${pattern.slice(0, 20)} is ${refusal ? 'refused' : 'accepted'}`, () => {
      const answer = checkRegex(pattern);
      if (refusal === null) assert.equal(answer, null);
      else assert.match(answer ?? '', refusal);
    });
  }
});

describe('tag keys ignoring case', () => {
  it('prefers the exact key, else the first key by code point, whatever the order', () => {
    assert.equal(lookupTag({ Team: 'a', team: 'b' }, 'team', true), 'b');
    assert.equal(lookupTag({ team: 'b', TEAM: 'c', Team: 'a' }, 'tEaM', true), 'c');
    assert.equal(lookupTag({ Team: 'a', TEAM: 'c' }, 'team', true), 'c');
    assert.equal(lookupTag({ Team: 'a' }, 'team', false), null);
    assert.equal(lookupTag(null, 'team', true), null);
  });
});

describe('rule sets', () => {
  it('reads conditions, options and splits into the model', () => {
    const text = `effective_from: 2026-02
tag_keys: case-insensitive
shared:
  - id: s
    when: {service_name: Support}
    split: fixed
    shares: {beta: 33.3, alpha: 66.7}
mapping:
  - id: m
    when:
      tag:team: alpha
      tag:env: {missing: true, ignore_key_case: false}
      sub_account_id: {in: [a, b]}
    set: {service: svc-a}
`;
    const check = parseRuleSet({ file: 'r.yaml', text }, testCatalogIndex);
    assert.deepEqual(check.problems, []);
    const rules = check.ruleSet!;
    assert.equal(rules.effectiveFrom, '2026-02');
    assert.deepEqual(rules.shared[0]!.targets, ['alpha', 'beta']);
    assert.deepEqual(rules.shared[0]!.shares, { beta: '33.3', alpha: '66.7' });
    assert.deepEqual(
      rules.mapping[0]!.conditions.map((condition) => [condition.field, condition.op]),
      [
        [{ kind: 'tag', key: 'team', ignoreKeyCase: true }, 'equals'],
        [{ kind: 'tag', key: 'env', ignoreKeyCase: false }, 'missing'],
        [{ kind: 'column', column: 'sub_account_id' }, 'in'],
      ],
    );
    // A service brings its owner team and cost centre.
    assert.deepEqual(testCatalogIndex.resolveOwner(rules.mapping[0]!.set), {
      team: 'alpha',
      service: 'svc-a',
      costCentre: 'cc1',
      businessUnit: 'bu',
      environment: null,
    });
  });

  it('a condition needs exactly one operator, and duplicate rule ids are refused', () => {
    const text = `mapping:
  - id: m
    when: {tag:team: {equals: a, prefix: b}}
    set: {team: alpha}
  - id: m
    set: {team: beta}
`;
    const messages = parseRuleSet({ file: 'r.yaml', text }, testCatalogIndex).problems.map(
      (problem) => `${problem.line}: ${problem.message}`,
    );
    assert.deepEqual(messages, [
      '3: mapping[0].when.tag:team: give exactly one of equals, in, prefix, regex, missing (found equals, prefix)',
      "5: duplicate rule id 'm' (first at line 2); rule ids must be unique",
    ]);
  });

  it('an allocation run finds owners the catalogue no longer has', () => {
    const text =
      'mapping:\n  - id: m\n    set: {team: gamma}\nshared:\n  - id: s\n    split: even\n    targets: [delta]\n';
    const ruleSet = parseRuleSet({ file: 'r.yaml', text }, testCatalogIndex).ruleSet!;
    const shrunk = new CatalogIndex({
      ...testCatalog,
      teams: testCatalog.teams.filter((team) => team.id !== 'delta'),
    });
    assert.deepEqual(findMissingOwners(ruleSet, shrunk), ["team 'delta' (rule s)"]);
    assert.deepEqual(findMissingOwners(ruleSet, testCatalogIndex), []);
  });
});

describe('billing periods', () => {
  it('expands a range across a year end', () => {
    assert.deepEqual(parsePeriodRange('2025-11..2026-02'), ['2025-11', '2025-12', '2026-01', '2026-02']);
    assert.deepEqual(parsePeriodRange('2026-01'), ['2026-01']);
    assert.throws(() => parsePeriodRange('2026-1'), { code: 'PERIOD_BAD_FORMAT' });
  });
});

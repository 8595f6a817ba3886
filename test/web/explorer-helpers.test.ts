import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLocalTime } from '../../web/src/time-text.js';
import { estimateCurrency } from '../../web/src/views/approvals-currency.js';
import { compareWithPrevious } from '../../web/src/views/explorer-compare.js';
import { drillCrumbs, formatFilterText, parseFilterText } from '../../web/src/views/explorer-model.js';
import {
  dayCount,
  presetRange,
  previousRange,
  rangeProblem,
} from '../../web/src/views/explorer-range-model.js';

describe('explorer helpers (pure, run under Node)', () => {
  it('date presets end on the last day with data, both ends included', () => {
    const today = '2025-05-14';
    assert.deepEqual(presetRange('month-to-date', today), { from: '2025-05-01', until: today });
    assert.deepEqual(presetRange('last-30-days', today), { from: '2025-04-15', until: today });
    assert.equal(dayCount(presetRange('last-30-days', today)), 30);
    assert.equal(dayCount(presetRange('last-90-days', today)), 90);
    assert.deepEqual(presetRange('quarter-to-date', today), { from: '2025-04-01', until: today });
    assert.deepEqual(presetRange('quarter-to-date', '2025-12-31'), {
      from: '2025-10-01',
      until: '2025-12-31',
    });
    assert.deepEqual(presetRange('year-to-date', today), { from: '2025-01-01', until: today });
    // Across a leap day and a year's end.
    assert.deepEqual(presetRange('last-30-days', '2024-03-10'), { from: '2024-02-10', until: '2024-03-10' });
    assert.deepEqual(presetRange('month-to-date', '2025-01-01'), { from: '2025-01-01', until: '2025-01-01' });
  });

  it('the previous period is the same number of days just before', () => {
    assert.deepEqual(previousRange({ from: '2025-03-01', until: '2025-03-31' }), {
      from: '2025-01-29',
      until: '2025-02-28',
    });
    assert.deepEqual(previousRange({ from: '2025-01-01', until: '2025-01-01' }), {
      from: '2024-12-31',
      until: '2024-12-31',
    });
    const range = { from: '2024-02-01', until: '2024-02-29' };
    assert.equal(dayCount(previousRange(range)), dayCount(range));
  });

  it('refuses a reversed or malformed range on the field to fix, in the dashboard words', () => {
    assert.equal(rangeProblem('', ''), null);
    assert.equal(rangeProblem('2025-01-01', ''), null);
    assert.equal(rangeProblem('2025-01-01', '2025-01-01'), null);
    assert.deepEqual(rangeProblem('2025-03-10', '2025-03-01'), {
      field: 'from',
      message:
        'From 2025-03-10 is after Until (included) 2025-03-01: choose a From on or before 2025-03-01, or a later Until.',
    });
    assert.equal(rangeProblem('', '2025-1-1')?.field, 'until');
    assert.match(rangeProblem('', '2025-1-1')?.message ?? '', /^Until \(included\) 2025-1-1 is not a day/);
  });

  it('reads and writes exclusions as the API does, and keeps them out of the drill path', () => {
    assert.deepEqual(parseFilterText('team!=checkout'), {
      dimension: 'team',
      value: 'checkout',
      exclude: true,
    });
    assert.deepEqual(parseFilterText('tag:env!='), { dimension: 'tag:env', value: '', exclude: true });
    assert.deepEqual(parseFilterText('team=a!b'), { dimension: 'team', value: 'a!b' });
    assert.equal(parseFilterText('!=x'), null);
    for (const text of ['team!=checkout', 'tag:env!=', 'provider=AWS'])
      assert.equal(formatFilterText(parseFilterText(text)!), text);
    const filters = ['business-unit=Retail', 'team!=checkout'].map((text) => parseFilterText(text)!);
    assert.deepEqual(drillCrumbs(filters), [{ dimension: 'business-unit', value: 'Retail' }]);
  });

  it('puts each group beside the previous period, exactly, with groups seen in only one', () => {
    const rows = compareWithPrevious(
      [
        { group: 'a', cost: '10.0000000000000001' },
        { group: 'b', cost: '5' },
      ],
      [
        { group: 'a', cost: '8' },
        { group: null, cost: '0.1' },
      ],
    );
    assert.deepEqual(rows, [
      {
        group: 'a',
        cost: '10.0000000000000001',
        previous: '8',
        change: '2.0000000000000001',
        changePercent: '25.0',
      },
      { group: 'b', cost: '5', previous: '0', change: '5', changePercent: null },
      { group: null, cost: '0', previous: '0.1', change: '-0.1', changePercent: '-100.0' },
    ]);
  });

  it('shows a moment in the reader time zone, named', () => {
    assert.equal(formatLocalTime('2025-03-04T14:05:00Z', 'Europe/Berlin'), '2025-03-04 15:05 GMT+1');
    assert.equal(formatLocalTime('2025-07-04T14:05:00Z', 'Europe/Berlin'), '2025-07-04 16:05 GMT+2');
    assert.equal(formatLocalTime('2025-03-04T23:30:00Z', 'UTC'), '2025-03-04 23:30 UTC');
    assert.equal(formatLocalTime('not a time'), 'not a time');
  });

  it("an estimate is in its release's currency, else the policy's", () => {
    const releases = new Map([['R-1', 'EUR']]);
    assert.equal(estimateCurrency({ releaseId: 'R-1' }, releases, 'USD'), 'EUR');
    assert.equal(estimateCurrency({ releaseId: 'R-9' }, releases, 'USD'), 'USD');
    assert.equal(estimateCurrency({}, releases, 'USD'), 'USD');
    assert.equal(estimateCurrency({}, releases, null), null);
  });
});

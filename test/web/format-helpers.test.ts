import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAlertAmount, formatAlertPercent } from '../../src/core/alerting/alert-figure-text.js';
import { dayAfter, formatDayRange, lastIncludedDay, UNTIL_LABEL } from '../../web/src/day-range-text.js';
import { formatPercent, formatRate } from '../../web/src/percent-text.js';
import { budgetHref, changeHref, explorerHref, monthDays, scopeFilters } from '../../web/src/view-links.js';
import { businessUnitHref, monthHref } from '../../web/src/views/executive-segment-links.js';
import { segmentHref } from '../../web/src/views/explorer-segment-links.js';

/** The dashboard's one way of writing percentages and ranges, and the links between views. */

describe('formatPercent: one decimal, no space, a sign only when asked', () => {
  it('writes every kind of input the same way', () => {
    assert.equal(formatPercent('12.345'), '12.3%');
    assert.equal(formatPercent('12.35'), '12.4%');
    assert.equal(formatPercent(118.22), '118.2%');
    assert.equal(formatPercent('7'), '7.0%');
    assert.equal(formatPercent('-0.04'), '0.0%');
    assert.equal(formatPercent(4.25, { signed: true }), '+4.3%');
    assert.equal(formatPercent(-4.25, { signed: true }), '-4.3%');
    assert.equal(formatPercent(0, { signed: true }), '0.0%');
  });
  it('says a missing figure is missing instead of 0', () => {
    assert.equal(formatPercent(null), '–');
    assert.equal(formatPercent(undefined), '–');
    assert.equal(formatPercent('n/a'), '–');
    assert.equal(formatRate(null), '–');
  });
  it('writes a rate as a percentage', () => {
    assert.equal(formatRate(0.125), '12.5%');
    assert.equal(formatRate(1), '100.0%');
  });
});

describe('ranges: the last day is included and named one way', () => {
  it('converts the API’s exclusive end and back', () => {
    assert.equal(lastIncludedDay('2025-04-01'), '2025-03-31');
    assert.equal(lastIncludedDay('2025-03-01T00:00:00.000Z'), '2025-02-28');
    assert.equal(dayAfter('2024-02-28'), '2024-02-29');
    assert.equal(dayAfter(lastIncludedDay('2025-01-01')), '2025-01-01');
    assert.equal(formatDayRange('2025-01-01', '2025-03-31'), '2025-01-01 to 2025-03-31 (included)');
    assert.equal(UNTIL_LABEL, 'Until (included)');
  });
});

describe('alert titles write figures as the dashboard does', () => {
  it('groups thousands and rounds percentages to one decimal', () => {
    assert.equal(formatAlertAmount('65000'), '65,000.00');
    assert.equal(formatAlertAmount('1234567.005'), '1,234,567.01');
    assert.equal(formatAlertPercent(118.22), '118.2%');
  });
});

describe('links between views', () => {
  const query = (href: string) => new URLSearchParams(href.split('?')[1]);

  it('a budget scope becomes the explorer’s filters', () => {
    assert.deepEqual(scopeFilters(['tag:team=payments', 'owner:service=checkout', 'owner:team=core']), [
      'tag:team=payments',
      'catalog-service=checkout',
      'team=core',
    ]);
    const href = explorerHref({
      filters: ['provider=AWS'],
      by: 'service',
      currency: 'USD',
      from: '2025-01-01',
    });
    assert.equal(query(href).get('view'), 'explorer');
    assert.deepEqual(query(href).getAll('filter'), ['provider=AWS']);
    assert.equal(query(href).get('until'), null);
    assert.equal(query(budgetHref('web & api')).get('budget'), 'web & api');
    assert.equal(query(changeHref('CHG-7')).get('change'), 'CHG-7');
  });

  it('a month is its first to its last day', () => {
    assert.deepEqual(monthDays('2024-02'), { from: '2024-02-01', until: '2024-02-29' });
    assert.deepEqual(monthDays('2025-12-01'), { from: '2025-12-01', until: '2025-12-31' });
  });

  it('a chart band narrows the explorer, within the range shown', () => {
    const place = {
      by: 'provider',
      next: 'service',
      filters: ['environment=prod'],
      currency: 'USD',
      metric: 'effective',
      from: '2025-03-10',
      until: '2025-05-20',
      grain: 'month',
    };
    const bar = query(segmentHref(place, 'AWS', '2025-03-01') ?? '');
    assert.deepEqual(bar.getAll('filter'), ['environment=prod', 'provider=AWS']);
    assert.equal(bar.get('by'), 'service');
    assert.equal(bar.get('from'), '2025-03-10');
    assert.equal(bar.get('until'), '2025-03-31');
    const band = query(segmentHref(place, 'AWS', null) ?? '');
    assert.equal(band.get('from'), '2025-03-10');
    assert.equal(band.get('until'), '2025-05-20');
    assert.equal(segmentHref(place, 'other', null), null, 'the summed rest is not one value');
    const executive = { currency: 'EUR', metric: 'billed', yearStart: '2025-01-01', lastDay: '2025-06-15' };
    assert.equal(query(monthHref(executive, '2025-06')).get('until'), '2025-06-15');
    assert.equal(query(monthHref(executive, '2025-05')).get('until'), '2025-05-31');
    assert.deepEqual(query(businessUnitHref(executive, 'Retail')).getAll('filter'), ['business-unit=Retail']);
  });
});

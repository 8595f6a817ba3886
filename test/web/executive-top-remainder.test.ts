import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitTopRemainder } from '../../web/src/views/executive-top-remainder.js';

const row = (service: string, cost: string) => ({ 'catalog-service': service, currency: 'USD', cost });

describe('top services: the "other" remainder is never ranked', () => {
  it('takes the appended remainder out even when it is the largest amount', () => {
    const rows = [row('checkout', '100'), row('search', '50'), row('other', '900')];
    const { ranked, remainder } = splitTopRemainder(rows, 'catalog-service', 2);
    assert.deepEqual(
      ranked.map((r) => r['catalog-service']),
      ['checkout', 'search'],
    );
    assert.equal(remainder?.cost, '900');
  });

  it('keeps a service named "other" ranked when there is no remainder', () => {
    const rows = [row('other', '100'), row('search', '50')];
    assert.deepEqual(splitTopRemainder(rows, 'catalog-service', 2), { ranked: rows, remainder: null });
    const three = [row('a', '3'), row('b', '2'), row('c', '1')];
    assert.deepEqual(splitTopRemainder(three, 'catalog-service', 2).remainder, null);
  });
});

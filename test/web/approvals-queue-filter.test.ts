import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Change } from '../../web/src/api-types.js';
import {
  defaultRole,
  filterQueue,
  type HeldRoles,
  minCostProblem,
  type QueueFilter,
  rolesHeldFor,
} from '../../web/src/views/approvals-queue-filter.js';

function change(
  id: string,
  service: string,
  environment: string,
  estimatedCost: string,
  requestedBy = 'rm',
): Change {
  return { id, service, environment, estimatedCost, requestedBy, releaseId: 'R-1', version: 'v1' } as Change;
}

const QUEUE = [
  change('CR-1', 'payments', 'prod', '12000.50'),
  change('CR-2', 'payments', 'staging', '300'),
  change('CR-3', 'docs-site', 'prod', '999.99', 'sam'),
];
const HELD: HeldRoles = [
  { role: 'service-owner', services: ['docs-site'] },
  { role: 'cab', services: null },
];
const NONE: QueueFilter = { search: '', service: '', environment: '', mine: false, minCost: '' };
const ids = (changes: Change[]) => changes.map((c) => c.id);
const names = (id: string) => (id === 'payments' ? 'Payments API' : id);

describe('the approvals queue filter', () => {
  it('keeps every change without conditions, and each condition narrows it', () => {
    assert.deepEqual(ids(filterQueue(QUEUE, NONE, HELD, names)), ['CR-1', 'CR-2', 'CR-3']);
    assert.deepEqual(ids(filterQueue(QUEUE, { ...NONE, service: 'payments' }, HELD, names)), [
      'CR-1',
      'CR-2',
    ]);
    assert.deepEqual(ids(filterQueue(QUEUE, { ...NONE, environment: 'prod' }, HELD, names)), [
      'CR-1',
      'CR-3',
    ]);
    // Exact decimals: 999.99 is below 1000, 12000.50 above.
    assert.deepEqual(ids(filterQueue(QUEUE, { ...NONE, minCost: '1000' }, HELD, names)), ['CR-1']);
    assert.deepEqual(ids(filterQueue(QUEUE, { ...NONE, search: 'api cr-2' }, HELD, names)), ['CR-2']);
    assert.deepEqual(ids(filterQueue(QUEUE, { ...NONE, search: 'SAM' }, HELD, names)), ['CR-3']);
  });

  it('"waiting on my roles" keeps the services I hold a role for', () => {
    const onlyDocs: HeldRoles = [{ role: 'service-owner', services: ['docs-site'] }];
    assert.deepEqual(ids(filterQueue(QUEUE, { ...NONE, mine: true }, onlyDocs, names)), ['CR-3']);
    assert.deepEqual(ids(filterQueue(QUEUE, { ...NONE, mine: true }, [], names)), []);
  });

  it('refuses a minimum cost that is not an amount, in words, and ignores it meanwhile', () => {
    assert.match(minCostProblem('ten') ?? '', /'ten' is not an amount/);
    assert.match(minCostProblem('-5') ?? '', /not an amount/);
    assert.equal(minCostProblem(' 12.5 '), null);
    assert.deepEqual(ids(filterQueue(QUEUE, { ...NONE, minCost: 'ten' }, HELD, names)), [
      'CR-1',
      'CR-2',
      'CR-3',
    ]);
  });

  it('"As" offers only the roles held for the service, starting on the one still needed', () => {
    assert.deepEqual(rolesHeldFor(HELD, 'docs-site', 'approval'), ['service-owner', 'cab']);
    assert.deepEqual(rolesHeldFor(HELD, 'payments', 'approval'), ['cab']);
    assert.deepEqual(rolesHeldFor(HELD, 'payments', 'sign-off'), []);
    assert.equal(defaultRole(['service-owner', 'cab'], [{ role: 'cab' }]), 'cab');
    assert.equal(defaultRole(['cab'], [{ role: 'service-owner' }]), 'cab');
    assert.equal(defaultRole([], [{ role: 'cab' }]), null);
  });
});

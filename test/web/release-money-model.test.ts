import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCiService, defaultPeriod, describePart } from '../../web/src/views/release-money-model.js';

describe('release money panel helpers', () => {
  it('says missing for a part with no data, never 0', () => {
    assert.deepEqual(describePart(null), { missing: true, text: 'missing' });
    assert.deepEqual(describePart('0'), { missing: false, text: '0' });
  });

  it("defaults to the release's deployment window, else the last 30 days with data, else none", () => {
    assert.deepEqual(
      defaultPeriod({ from: '2025-03-03T10:00:00.000Z', to: '2025-03-10T23:30:00.000Z' }, '2025-12-31'),
      {
        from: '2025-03-03',
        to: '2025-03-11',
      },
    );
    assert.deepEqual(defaultPeriod(null, '2025-03-31'), { from: '2025-03-02', to: '2025-04-01' });
    assert.equal(defaultPeriod(null, null), null);
  });

  it('finds the CI runners service, else one named like CI, else asks', () => {
    assert.equal(defaultCiService([{ id: 'web' }, { id: 'ci-runners' }]), 'ci-runners');
    assert.equal(defaultCiService([{ id: 'web' }, { id: 'build-ci' }]), 'build-ci');
    assert.equal(defaultCiService([{ id: 'circle' }, { id: 'web' }]), '');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moveRangeEnd } from '../../web/src/views/assets-licence-range.js';

describe("the licence trend's month range", () => {
  const year = { from: '2025-01', to: '2025-12' };

  it('moves one end and keeps the other while they stay in order', () => {
    assert.deepEqual(moveRangeEnd(year, 'to', '2025-11'), { from: '2025-01', to: '2025-11' });
    assert.deepEqual(moveRangeEnd(year, 'from', '2025-03'), { from: '2025-03', to: '2025-12' });
    assert.deepEqual(moveRangeEnd(year, 'to', '2025-01'), { from: '2025-01', to: '2025-01' });
  });

  it('takes the other end along when one passes it (a year step on To in a year-first field)', () => {
    assert.deepEqual(moveRangeEnd(year, 'to', '2024-12'), { from: '2024-12', to: '2024-12' });
    assert.deepEqual(moveRangeEnd(year, 'from', '2026-01'), { from: '2026-01', to: '2026-01' });
  });
});

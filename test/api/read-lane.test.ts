import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReadLane } from '../../src/api/read-lane.js';

/** A piece of work that runs until the test lets it finish. */
function gated() {
  let finish!: (fail?: boolean) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = (fail) => (fail ? reject(new Error('read failed')) : resolve());
  });
  return { done, finish };
}

describe('the read lane runs at most its slots at once, the rest in arrival order', () => {
  it('starts a waiting read only when one finishes, in arrival order, also after a failure', async () => {
    const lane = createReadLane(2);
    const started: number[] = [];
    const works = Array.from({ length: 5 }, () => gated());
    const outcomes = works.map((work, n) =>
      lane.run(async () => {
        started.push(n);
        await work.done;
        return n;
      }),
    );
    const results = Promise.allSettled(outcomes);
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    await settle();
    assert.deepEqual(started, [0, 1]);
    assert.deepEqual(lane.load(), { running: 2, waiting: 3 });
    works[1]!.finish(true);
    await settle();
    assert.deepEqual(started, [0, 1, 2], 'a failed read gives its slot to the next');
    works[0]!.finish();
    await settle();
    assert.deepEqual(started, [0, 1, 2, 3]);
    assert.deepEqual(lane.load(), { running: 2, waiting: 1 });
    for (const work of works.slice(2)) work.finish();
    assert.deepEqual(
      (await results).map((result) => result.status),
      ['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled'],
    );
    assert.deepEqual(started, [0, 1, 2, 3, 4]);
    assert.deepEqual(lane.load(), { running: 0, waiting: 0 });
  });
});

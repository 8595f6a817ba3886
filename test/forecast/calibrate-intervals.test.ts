import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  calibrateIntervalWidth,
  MAX_WIDENING,
  ORIGIN_DECAY,
  widenOffsets,
} from '../../src/core/forecast/calibrate-intervals.js';
import { forecastSeries } from '../../src/core/forecast/forecast-series.js';

// One lead, eight origins (oldest first): the earlier four draw the interval, the later four are
// held out with weights 0.7^3, 0.7^2, 0.7, 1 (0.343 + 0.49 + 0.7 + 1 = 2.533).
// Earlier errors -1, -0.5, 0.5, 1 give type-7 quantiles 10/90% = -/+0.85, 2.5/97.5% = -/+0.9625.
const EARLY = [-1, -0.5, 0.5, 1];

describe('recency-weighted split-conformal interval calibration', () => {
  it('uses the weights it states', () => {
    assert.equal(ORIGIN_DECAY, 0.7);
  });

  it('a large miss at the oldest held-out origin does not widen the 80% interval', () => {
    // Inside at factor 1: 0.49 + 0.7 + 1 = 2.19 of 2.533 = 86.5% >= 80%, so no widening; an
    // unweighted count (3 of 4 = 75%) would have widened it.
    // 95% must hold the 2: 2 / 0.9625 = 2.078, the next step of 0.05 is 2.10.
    assert.deepEqual(calibrateIntervalWidth([[...EARLY, 2, 0.5, -0.5, 0.5]]), { width80: 1, width95: 2.1 });
  });

  it('the same miss at the latest origin widens both intervals to hold it', () => {
    // Inside at factor 1: 0.343 + 0.49 + 0.7 = 1.533 of 2.533 = 60.5% < 80%, so the 80% bound
    // must reach 2: 2 / 0.85 = 2.353, the next step is 2.40. 95%: 2.10 as above.
    assert.deepEqual(calibrateIntervalWidth([[...EARLY, 0.5, -0.5, 0.5, 2]]), { width80: 2.4, width95: 2.1 });
  });

  it('a miss below widens the lower bound the same way', () => {
    // -2 at the latest origin: the lower 80% bound -0.85 must reach -2, as above.
    assert.deepEqual(calibrateIntervalWidth([[...EARLY, 0.5, -0.5, 0.5, -2]]), {
      width80: 2.4,
      width95: 2.1,
    });
  });

  it('stops at its widest factor, and does not widen with fewer than 4 origins', () => {
    assert.deepEqual(calibrateIntervalWidth([[...EARLY, 0.5, -0.5, 0.5, 100]]), {
      width80: MAX_WIDENING,
      width95: MAX_WIDENING,
    });
    assert.deepEqual(calibrateIntervalWidth([[1, 2, 30]]), { width80: 1, width95: 1 });
  });

  it('pools every lead: a miss at one lead counts against the held-out share of all leads', () => {
    // Two leads with the same earlier errors: each lead's interval pools both leads' eight,
    // whose 90% and 97.5% quantiles are both 1. The held-out 1.96 at lead 2's latest origin is 1
    // of 2 x 2.533 = 5.066 weight: inside 4.066 / 5.066 = 80.3% >= 80%, so the 80% interval holds;
    // 95% must hold it: 1.96 / 1, the next step is 2.
    const quiet = [...EARLY, 0.5, -0.5, 0.5, 0.5];
    const loud = [...EARLY, 0.5, -0.5, 0.5, 1.96];
    assert.deepEqual(calibrateIntervalWidth([quiet, loud]), { width80: 1, width95: 2 });
  });

  it('widens offsets by the factors found', () => {
    assert.deepEqual(widenOffsets([{ lo80: -1, hi80: 2, lo95: -3, hi95: 4 }], { width80: 1.5, width95: 2 }), [
      { lo80: -1.5, hi80: 3, lo95: -6, hi95: 8 },
    ]);
  });

  it('a series whose last weeks shifted gets a wider interval than the same series without the shift', () => {
    const week = [100, 104, 102, 101, 99, 60, 55];
    const steady = Array.from({ length: 210 }, (_, t) => week[t % 7]! + ((t * 7919) % 11) - 5);
    const shifted = steady.map((value, t) => (t >= 189 ? value * 1.3 : value));
    const width = (history: number[]) => {
      const first = forecastSeries(history, 28).points[0]!;
      return first.hi80 - first.lo80;
    };
    assert.ok(width(shifted) > 2 * width(steady), `${width(shifted)} vs ${width(steady)}`);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACI_STEP,
  calibrateIntervalWidth,
  MAX_WIDENING,
  widenOffsets,
} from '../../src/core/forecast/calibrate-intervals.js';
import { forecastSeries } from '../../src/core/forecast/forecast-series.js';
import { recentOriginErrors } from '../../src/core/forecast/rolling-backtest.js';

// One lead, eight complete origins a week apart (oldest first): the earlier four draw the
// interval, the later four are held out. Earlier errors -1, -1, 1, 1 give type-7 quantiles of
// -/+1 at 10/90% and 2.5/97.5%, so a held-out error's score is its size.
const EARLY = [-1, -1, 1, 1];
const ORIGINS = [0, 7, 14, 21, 28, 35, 42, 49];
/** Origins after the complete ones with one observed error each, revealed on days 56, 63, ... */
const recent = (errors: number[]) =>
  errors.map((error, index) => ({ origin: 56 + 7 * index, errors: [error] }));

describe('adaptive conformal interval calibration (ACI, Gibbs & Candès 2021)', () => {
  it('uses the step it states', () => {
    assert.equal(ACI_STEP, 0.05);
  });

  it('with only four held-out outcomes holds the largest (no ACI update before a finite quantile)', () => {
    // 80%: ranks need n >= 4 scores before an update; the final rank ceil(5 x 0.8) = 4 of 4 is
    // the largest score, 2. 95%: ceil(5 x 0.95) = 5 is past the 4 scores, so the largest too.
    assert.deepEqual(calibrateIntervalWidth([[...EARLY, 0.1, 0.2, 0.3, -2]], ORIGINS), {
      width80: 2,
      width95: 2,
    });
    // Everything inside: never narrower than the raw quantiles.
    assert.deepEqual(calibrateIntervalWidth([[...EARLY, 0.1, 0.2, 0.3, -0.4]], ORIGINS), {
      width80: 1,
      width95: 1,
    });
  });

  it('scores a miss below against the lower bound and a miss above against the upper', () => {
    // Earlier -1, -1, 2, 2: the 80% bounds are -1 and +2, so -2 needs a factor 2, +2 none.
    const early = [-1, -1, 2, 2];
    assert.equal(calibrateIntervalWidth([[...early, 0.1, 0.1, 0.1, -2]], ORIGINS).width80, 2);
    assert.equal(calibrateIntervalWidth([[...early, 0.1, 0.1, 0.1, 2]], ORIGINS).width80, 1);
  });

  it('misses among the latest outcomes widen more than the same misses among the oldest', () => {
    // Latest: held-out scores 0.5 x 8 then 2 and 3 (80%). After the four warm-up scores, four
    // hits raise alpha 0.2 -> 0.24 (+0.05 x 0.2 each); 2 misses the rank-7 score 0.5 and 3
    // misses the rank-8 score 0.5 (alpha -0.04 each, to 0.16); the final rank
    // ceil(11 x 0.84) = 10 of [0.5 x 8, 2, 3] is 3. Plain split conformal (alpha 0.2, rank 9)
    // would give 2.
    const late = calibrateIntervalWidth(
      [[...EARLY, 0.5, 0.5, 0.5, 0.5]],
      ORIGINS,
      recent([0.5, 0.5, 0.5, 0.5, 2, 3]),
    );
    assert.equal(late.width80, 3);
    // Oldest: the same scores with 2 and 3 first: every later 0.5 is a hit, alpha ends at
    // 0.26, the final rank ceil(11 x 0.74) = 9 is 2.
    const early = calibrateIntervalWidth(
      [[...EARLY, 2, 3, 0.5, 0.5]],
      ORIGINS,
      recent([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]),
    );
    assert.equal(early.width80, 2);
  });

  it('a run of misses that drives alpha to 0 or below gives the widest factor', () => {
    // 95%: alpha starts at 0.05 and every miss takes 0.05 x 0.95 = 0.0475 from it.
    const misses = Array.from({ length: 30 }, (_, index) => 1.5 + index * 0.01);
    const widths = calibrateIntervalWidth([[...EARLY, 0.1, 0.1, 0.1, 0.1]], ORIGINS, recent(misses));
    assert.equal(widths.width95, MAX_WIDENING);
  });

  it('does not widen with fewer than 4 complete origins', () => {
    assert.deepEqual(calibrateIntervalWidth([[1, 2, 30]]), { width80: 1, width95: 1 });
  });

  it('widens offsets by the factors found', () => {
    assert.deepEqual(widenOffsets([{ lo80: -1, hi80: 2, lo95: -3, hi95: 4 }], { width80: 1.5, width95: 2 }), [
      { lo80: -1.5, hi80: 3, lo95: -6, hi95: 8 },
    ]);
  });

  it('recent origins are refit a week apart and scored only on the days already observed', () => {
    const history = Array.from({ length: 100 }, (_, t) => t);
    const recentErrors = recentOriginErrors(
      history,
      { horizon: 28, origins: 16, minTraining: 28, season: 7 },
      'seasonal-naive',
    );
    // Origins 79, 86, 93 (after the last complete one, 72): 21, 14 and 7 observed days; a line
    // rising by 1 a day is missed by seasonal-naive (last week repeated) by 7 in the first week
    // ahead, 14 in the second, 21 in the third.
    assert.deepEqual(
      recentErrors.map((origin) => [origin.origin, origin.errors.length]),
      [
        [79, 21],
        [86, 14],
        [93, 7],
      ],
    );
    for (const origin of recentErrors)
      assert.deepEqual(
        origin.errors,
        origin.errors.map((_, lead) => 7 * (1 + Math.floor(lead / 7))),
      );
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

  it('a shift only two weeks old widens the interval', () => {
    const week = [100, 104, 102, 101, 99, 60, 55];
    const steady = Array.from({ length: 210 }, (_, t) => week[t % 7]! + ((t * 7919) % 11) - 5);
    const shifted = steady.map((value, t) => (t >= 196 ? value * 1.3 : value));
    const width = (history: number[]) => {
      const first = forecastSeries(history, 28).points[0]!;
      return first.hi80 - first.lo80;
    };
    assert.ok(width(shifted) > 1.5 * width(steady), `${width(shifted)} vs ${width(steady)}`);
  });
});

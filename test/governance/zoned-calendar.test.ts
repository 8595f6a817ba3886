import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideDeployment, type GateInput } from '../../src/core/governance/gate/decide-deployment.js';
import {
  checkWindow,
  type Freeze,
  freezeActive,
  validateFreeze,
} from '../../src/core/governance/gate/deployment-calendar.js';
import { instantOfWallTime, localTimeAt } from '../../src/core/time/zoned-time.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { CATALOG, makePolicy } from './governance-fixtures.js';

// The transitions tested, as instants: Europe/Berlin leaves CET for CEST at 2026-03-29T01:00Z
// and returns at 2026-10-25T01:00Z; America/New_York leaves EST at 2026-03-08T07:00Z and
// returns at 2026-11-01T06:00Z.
const at = (iso: string) => new Date(iso);

describe('wall-clock times in a zone', () => {
  it('reads local time on both sides of each transition', () => {
    assert.deepEqual(
      ['2026-03-29T00:59:00Z', '2026-03-29T01:00:00Z', '2026-10-25T00:59:00Z', '2026-10-25T01:00:00Z'].map(
        (iso) => {
          const local = localTimeAt(at(iso), 'Europe/Berlin');
          return `${local.hour}:${local.minute}`;
        },
      ),
      ['1:59', '3:0', '2:59', '2:0'],
    );
  });

  it('turns a wall time into an instant by RFC 5545: a skipped time moves on by the gap, a repeated one is the first', () => {
    const wall = (year: number, month: number, day: number, hour: number, minute: number) => ({
      year,
      month,
      day,
      hour,
      minute,
      second: 0,
    });
    const cases: [string, ReturnType<typeof wall>, string][] = [
      ['Europe/Berlin', wall(2026, 3, 29, 2, 30), '2026-03-29T01:30:00.000Z'],
      ['Europe/Berlin', wall(2026, 10, 25, 2, 30), '2026-10-25T00:30:00.000Z'],
      ['Europe/Berlin', wall(2026, 7, 1, 12, 0), '2026-07-01T10:00:00.000Z'],
      ['America/New_York', wall(2026, 3, 8, 2, 30), '2026-03-08T07:30:00.000Z'],
      ['America/New_York', wall(2026, 11, 1, 1, 30), '2026-11-01T05:30:00.000Z'],
      ['Asia/Kolkata', wall(2026, 1, 1, 0, 0), '2025-12-31T18:30:00.000Z'],
    ];
    for (const [zone, local, expected] of cases)
      assert.equal(
        instantOfWallTime(local, zone).toISOString(),
        expected,
        `${zone} ${JSON.stringify(local)}`,
      );
  });
});

const fridayFreeze: Freeze = {
  id: 'FRZ-7',
  environment: 'production',
  cron: '* 16-23 * * 5',
  reason: 'no deploys after 16:00 on Fridays',
  createdBy: 'rm',
  createdAt: '2026-01-01T00:00:00Z',
  timeZone: 'Europe/Berlin',
};

describe('"no deploys after 16:00 Europe/Berlin on Fridays"', () => {
  const frozen = (iso: string) => freezeActive(fridayFreeze, 'production', at(iso));
  it('starts at 15:00 UTC in winter time and at 14:00 UTC in summer time, around both changes', () => {
    const cases: [string, boolean][] = [
      // Friday before the spring change (CET, UTC+1).
      ['2026-03-27T14:59:00Z', false],
      ['2026-03-27T15:00:00Z', true],
      ['2026-03-27T22:59:00Z', true],
      ['2026-03-27T23:00:00Z', false],
      // Friday after it (CEST, UTC+2).
      ['2026-04-03T13:59:00Z', false],
      ['2026-04-03T14:00:00Z', true],
      ['2026-04-03T21:59:00Z', true],
      ['2026-04-03T22:00:00Z', false],
      // Friday before the autumn change (CEST) and after it (CET).
      ['2026-10-23T13:59:00Z', false],
      ['2026-10-23T14:00:00Z', true],
      ['2026-10-30T14:59:00Z', false],
      ['2026-10-30T15:00:00Z', true],
      // Thursday evening, local: never frozen.
      ['2026-10-29T20:00:00Z', false],
    ];
    for (const [iso, expected] of cases) assert.equal(frozen(iso), expected, iso);
  });

  it('read in UTC (no zone, as before zones) it starts at 16:00 UTC', () => {
    const utc = { ...fridayFreeze, timeZone: undefined };
    assert.equal(freezeActive(utc, 'production', at('2026-04-03T15:59:00Z')), false);
    assert.equal(freezeActive(utc, 'production', at('2026-04-03T16:00:00Z')), true);
  });

  it('the gate names the local time and the zone in its reason', () => {
    const policy = makePolicy((d) => ({ ...d, windows: [] }));
    const input: GateInput = {
      at: '2026-04-03T14:05:00Z',
      service: CATALOG.services.find((s) => s.id === 'docs-site')!,
      environment: CATALOG.environments.find((e) => e.id === 'production')!,
      changeType: 'standard',
      estimatedCost: '100',
      policy,
      release: {
        id: 'R1',
        status: 'open',
        currency: 'EUR',
        budget: '10000',
        spent: '0',
        spendClass: 'opex',
      },
      approvals: [],
      freezes: [fridayFreeze],
      breakGlass: [],
    };
    const decision = decideDeployment(input);
    assert.equal(decision.decision, 'deny');
    const freeze = decision.reasons.find((reason) => reason.check === 'freeze')!;
    assert.equal(freeze.ok, false);
    assert.match(
      freeze.detail,
      /FRZ-7 \(no deploys after 16:00 on Fridays\) at Friday 2026-04-03 16:05 Europe\/Berlin \(14:05 UTC\)/,
    );
    assert.equal(decideDeployment({ ...input, at: '2026-04-03T13:55:00Z' }).decision, 'allow');
  });
});

describe('deployment windows in a zone', () => {
  const window = (cron: string, timeZone: string) => [{ environment: 'production', cron, timeZone }];
  const open = (windows: ReturnType<typeof window>, iso: string) =>
    checkWindow(windows, 'production', at(iso)).open;
  const next = (windows: ReturnType<typeof window>, iso: string) =>
    checkWindow(windows, 'production', at(iso)).nextOpening;

  it('Berlin, spring: the skipped hour never comes, so a 02:xx window has no minute that night', () => {
    const twoOClock = window('* 2 * * *', 'Europe/Berlin');
    assert.equal(open(twoOClock, '2026-03-28T01:00:00Z'), true); // 02:00 CET the night before
    assert.equal(open(twoOClock, '2026-03-29T00:59:00Z'), false); // 01:59 CET
    assert.equal(open(twoOClock, '2026-03-29T01:00:00Z'), false); // 03:00 CEST, right after the jump
    assert.equal(next(twoOClock, '2026-03-29T00:00:00Z'), '2026-03-30T00:00:00.000Z'); // 02:00 CEST next night
  });

  it('Berlin, spring: a window from 02:30 to 03:59 opens when the clock jumps to 03:00', () => {
    const windows = [
      { environment: 'production', cron: '30-59 2 * * *', timeZone: 'Europe/Berlin' },
      { environment: 'production', cron: '* 3 * * *', timeZone: 'Europe/Berlin' },
    ];
    assert.equal(next(windows, '2026-03-29T00:00:00Z'), '2026-03-29T01:00:00.000Z');
    assert.equal(open(windows, '2026-03-29T01:00:00Z'), true);
    assert.equal(open(windows, '2026-03-29T01:59:00Z'), true); // 03:59 CEST
    assert.equal(open(windows, '2026-03-29T02:00:00Z'), false); // 04:00 CEST
    assert.equal(next(windows, '2026-03-27T23:00:00Z'), '2026-03-28T01:30:00.000Z'); // 02:30 CET the night before
  });

  it('Berlin, autumn: the repeated hour comes twice', () => {
    const twoOClock = window('* 2 * * *', 'Europe/Berlin');
    assert.equal(open(twoOClock, '2026-10-24T23:59:00Z'), false); // 01:59 CEST
    assert.equal(open(twoOClock, '2026-10-25T00:00:00Z'), true); // 02:00 CEST
    assert.equal(open(twoOClock, '2026-10-25T00:59:00Z'), true); // 02:59 CEST
    assert.equal(open(twoOClock, '2026-10-25T01:00:00Z'), true); // 02:00 CET, the second time
    assert.equal(open(twoOClock, '2026-10-25T01:59:00Z'), true); // 02:59 CET
    assert.equal(open(twoOClock, '2026-10-25T02:00:00Z'), false); // 03:00 CET
    assert.equal(next(twoOClock, '2026-10-24T22:00:00Z'), '2026-10-25T00:00:00.000Z');
    assert.equal(next(twoOClock, '2026-10-25T02:00:00Z'), '2026-10-26T01:00:00.000Z');
  });

  it('New York, spring: 02:xx does not exist on 8 March', () => {
    const twoOClock = window('* 2 * * *', 'America/New_York');
    assert.equal(open(twoOClock, '2026-03-08T06:59:00Z'), false); // 01:59 EST
    assert.equal(open(twoOClock, '2026-03-08T07:00:00Z'), false); // 03:00 EDT
    assert.equal(open(twoOClock, '2026-03-07T07:30:00Z'), true); // 02:30 EST the day before
    assert.equal(next(twoOClock, '2026-03-08T05:00:00Z'), '2026-03-09T06:00:00.000Z'); // 02:00 EDT
  });

  it('New York, autumn: 01:xx comes twice on 1 November', () => {
    const oneOClock = window('* 1 * * *', 'America/New_York');
    assert.equal(open(oneOClock, '2026-11-01T04:59:00Z'), false); // 00:59 EDT
    assert.equal(open(oneOClock, '2026-11-01T05:00:00Z'), true); // 01:00 EDT
    assert.equal(open(oneOClock, '2026-11-01T05:59:00Z'), true); // 01:59 EDT
    assert.equal(open(oneOClock, '2026-11-01T06:00:00Z'), true); // 01:00 EST
    assert.equal(open(oneOClock, '2026-11-01T06:59:00Z'), true); // 01:59 EST
    assert.equal(open(oneOClock, '2026-11-01T07:00:00Z'), false); // 02:00 EST
    assert.equal(next(oneOClock, '2026-11-01T07:00:00Z'), '2026-11-02T06:00:00.000Z');
  });

  it("reads each window in its own zone, else the policy's, and the gate's reason names both clocks", () => {
    const policy = makePolicy((d) => ({
      ...d,
      timeZone: 'Europe/Berlin',
      windows: [{ environment: 'production', cron: '* 9-16 * * 1-4' }],
    }));
    assert.equal(policy.timeZone, 'Europe/Berlin');
    // Monday 2026-03-30 08:30 CEST = 06:30 UTC: before the window, which opens at 07:00 UTC.
    const status = checkWindow(policy.windows, 'production', at('2026-03-30T06:30:00Z'), policy.timeZone);
    assert.deepEqual(status, {
      open: false,
      unrestricted: false,
      nextOpening: '2026-03-30T07:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    const decision = decideDeployment({
      at: '2026-03-30T06:30:00Z',
      service: CATALOG.services.find((s) => s.id === 'docs-site')!,
      environment: CATALOG.environments.find((e) => e.id === 'production')!,
      changeType: 'standard',
      estimatedCost: '100',
      policy,
      release: { id: 'R1', status: 'open', currency: 'EUR', budget: '10000', spent: '0', spendClass: 'opex' },
      approvals: [],
      freezes: [],
      breakGlass: [],
    });
    const reason = decision.reasons.find((r) => r.check === 'window')!;
    assert.equal(reason.ok, false);
    assert.match(
      reason.detail,
      /at Monday 2026-03-30 08:30 Europe\/Berlin \(06:30 UTC\); next opening 2026-03-30T07:00:00\.000Z \(Monday 2026-03-30 09:00 Europe\/Berlin \(07:00 UTC\)\)/,
    );
  });
});

describe('time zones refused', () => {
  it('a policy with an unknown zone is refused, naming the field', async () => {
    await expectRefusal(
      async () => makePolicy((d) => ({ ...d, timeZone: 'Europe/Berlinn' })),
      'POLICY_INVALID',
      'invalid-input',
      /at timeZone: is not a time zone/,
    );
    await expectRefusal(
      async () =>
        makePolicy((d) => ({
          ...d,
          windows: [{ environment: 'production', cron: '* 9 * * *', timeZone: 'CEST+2' }],
        })),
      'POLICY_INVALID',
      'invalid-input',
      /at windows\.0\.timeZone: is not a time zone/,
    );
  });

  it('a freeze with an unknown zone, or a zone on a one-off freeze, is refused', async () => {
    await expectRefusal(
      async () => validateFreeze({ ...fridayFreeze, timeZone: 'Mars/Olympus' }, { timeZone: '--time-zone' }),
      'TIME_ZONE_UNKNOWN',
      'usage',
      /--time-zone 'Mars\/Olympus' is not a time zone/,
    );
    await expectRefusal(
      async () =>
        validateFreeze({
          ...fridayFreeze,
          cron: undefined,
          from: '2026-12-24T00:00:00Z',
          until: '2026-12-27T00:00:00Z',
        }),
      'FREEZE_INVALID',
      'usage',
      /applies to a recurring freeze/,
    );
  });
});

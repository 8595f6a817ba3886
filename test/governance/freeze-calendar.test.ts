import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { applyPolicy } from '../../src/app/governance/apply-governance-config.js';
import { describeDeploymentCalendar } from '../../src/app/governance/gate/describe-deployment-calendar.js';
import { importFreezeCalendar } from '../../src/app/governance/gate/import-freeze-calendar.js';
import type { ErrorKind } from '../../src/core/errors.js';
import { expandFreezeCalendar } from '../../src/ingest/calendar/expand-freeze-calendar.js';
import type { Stores } from '../../src/ports/stores.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { makeTempDir } from '../support/temp-dir.js';
import { openGovernanceTestStores } from './governance-test-stores.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const CALENDAR = fixture('change-calendar.ics');
const SPRING = { from: '2026-03-01T00:00:00Z', until: '2026-05-01T00:00:00Z' };

describe('an iCalendar file read into frozen spans', () => {
  const expanded = expandFreezeCalendar(CALENDAR, {
    ...SPRING,
    until: '2028-01-01T00:00:00Z',
    timeZone: 'Europe/Berlin',
  });
  const spans = (uid: string) =>
    expanded.occurrences.filter((o) => o.uid === uid).map((o) => `${o.from} ${o.until}`);

  it('repeats a weekly local event across the spring change, less both EXDATEs (one by TZID, one in UTC)', () => {
    assert.deepEqual(spans('friday-afternoons@tollgate.test'), [
      '2026-03-20T15:00:00.000Z 2026-03-20T23:00:00.000Z', // 16:00-24:00 CET
      '2026-03-27T15:00:00.000Z 2026-03-27T23:00:00.000Z',
      // 3 April excluded by TZID, 10 April by the same instant written in UTC.
      '2026-04-17T14:00:00.000Z 2026-04-17T22:00:00.000Z', // 16:00-24:00 CEST
    ]);
  });

  it('reads all-day holidays as local days, a yearly rule less its EXDATE year', () => {
    assert.deepEqual(spans('christmas@tollgate.test'), [
      '2026-12-23T23:00:00.000Z 2026-12-26T23:00:00.000Z', // 24-26 December, Berlin days
    ]);
  });

  it("reads a TZID the file defines itself (Outlook's names) and UTC times as written", () => {
    assert.deepEqual(spans('quarter-close@tollgate.test'), [
      '2026-03-30T16:00:00.000Z 2026-03-31T06:00:00.000Z',
    ]);
    assert.deepEqual(spans('dc-move@tollgate.test'), ['2026-04-15T22:00:00.000Z 2026-04-16T04:00:00.000Z']);
    assert.deepEqual(expanded.skipped, [
      { uid: 'cancelled@tollgate.test', summary: 'Cancelled freeze', why: 'cancelled' },
    ]);
  });

  it('reads all-day events in the zone it is given', () => {
    const inNewYork = expandFreezeCalendar(CALENDAR, {
      from: '2026-12-01T00:00:00Z',
      until: '2027-01-01T00:00:00Z',
      timeZone: 'America/New_York',
    });
    assert.deepEqual(
      inNewYork.occurrences.map((o) => `${o.from} ${o.until}`),
      ['2026-12-24T05:00:00.000Z 2026-12-27T05:00:00.000Z'],
    );
  });
});

/** The freezes and decision log: a refused import must leave both as they were. */
async function snapshot(stores: Stores) {
  return JSON.stringify({
    freezes: await stores.governance.changes.listFreezes(),
    decisions: (await stores.governance.decisions.listDecisions()).length,
  });
}

describe('importing a freeze calendar on a real DuckDB file', () => {
  let stores: Awaited<ReturnType<typeof openGovernanceTestStores>>;
  before(async () => {
    stores = await openGovernanceTestStores(makeTempDir());
    const policy = fixture('governance.yaml').replace('windows:', 'timeZone: Europe/Berlin\nwindows:');
    await applyPolicy(stores, policy, 'governance.yaml', 'rm');
  });
  after(async () => {
    await stores.close();
  });

  const base: Parameters<typeof importFreezeCalendar>[1] = {
    text: CALENDAR,
    source: 'change-calendar.ics',
    environment: 'production',
    ...SPRING,
    createdBy: 'rm',
  };

  it('freezes each occurrence once, audited; a second import adds nothing', async () => {
    const first = await importFreezeCalendar(stores, base, '2026-02-20T00:00:00Z');
    assert.equal(first.range.timeZone, 'Europe/Berlin');
    assert.deepEqual(
      first.imported.map((f) => [f.from, f.reason]),
      [
        [
          '2026-03-20T15:00:00.000Z',
          'No deploys on Friday afternoons (calendar change-calendar.ics, friday-afternoons@tollgate.test)',
        ],
        [
          '2026-03-27T15:00:00.000Z',
          'No deploys on Friday afternoons (calendar change-calendar.ics, friday-afternoons@tollgate.test)',
        ],
        [
          '2026-04-17T14:00:00.000Z',
          'No deploys on Friday afternoons (calendar change-calendar.ics, friday-afternoons@tollgate.test)',
        ],
        [
          '2026-03-30T16:00:00.000Z',
          'Quarter close (calendar change-calendar.ics, quarter-close@tollgate.test)',
        ],
        [
          '2026-04-15T22:00:00.000Z',
          'Data-centre move (calendar change-calendar.ics, dc-move@tollgate.test)',
        ],
      ],
    );
    const [logged] = await stores.governance.decisions.listDecisions({ kind: 'freeze.import' });
    assert.equal(logged?.actor, 'rm');
    assert.equal(logged?.decision, 'imported');
    const again = await importFreezeCalendar(stores, base, '2026-02-20T00:00:00Z');
    assert.equal(again.imported.length, 0);
    assert.equal(again.alreadyPresent, 5);
    assert.equal((await stores.governance.changes.listFreezes()).length, 5);
  });

  it('the calendar view says production is frozen on a Friday after 16:00 Berlin time, and names the local time', async () => {
    const friday = await describeDeploymentCalendar(stores, '2026-04-17T14:30:00Z');
    const production = friday.environments.find((e) => e.environment === 'production')!;
    assert.equal(production.mayDeploy, false);
    assert.equal(production.frozenBy.length, 1);
    assert.equal(production.localTime, 'Friday 2026-04-17 16:30 Europe/Berlin');
    const before = await describeDeploymentCalendar(stores, '2026-04-17T13:59:00Z');
    assert.deepEqual(before.environments.find((e) => e.environment === 'production')!.frozenBy, []);
  });

  it('refuses broken calendars and ranges, naming what to do, and changes nothing', async () => {
    const cases: [Partial<typeof base>, string, ErrorKind, RegExp][] = [
      [{ text: 'hello' }, 'CALENDAR_INVALID', 'invalid-input', /not an iCalendar file/],
      [
        { text: 'BEGIN:VCARD\r\nVERSION:4.0\r\nEND:VCARD\r\n' },
        'CALENDAR_INVALID',
        'invalid-input',
        /holds a VCARD/,
      ],
      [
        { text: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n' },
        'CALENDAR_EMPTY',
        'invalid-input',
        /no events/,
      ],
      [
        { text: CALENDAR.replaceAll('TZID=Europe/Berlin', 'TZID=Central Europe Time') },
        'CALENDAR_UNKNOWN_TZID',
        'invalid-input',
        /TZID 'Central Europe Time'.*export the calendar with its time zones/,
      ],
      [
        { text: CALENDAR.replace('DTSTART:20260415T220000Z\r\n', '') },
        'CALENDAR_INVALID',
        'invalid-input',
        /dc-move@tollgate.test .* has no DTSTART/,
      ],
      [
        { text: CALENDAR.replace('FREQ=WEEKLY;BYDAY=FR;UNTIL=20260417T235959Z', 'FREQ=MINUTELY') },
        'CALENDAR_TOO_MANY',
        'invalid-input',
        /more than 5000 spans/,
      ],
      [{ from: 'next friday' }, 'CALENDAR_BAD_RANGE', 'usage', /'next friday' is not an ISO date/],
      [{ until: '2026-02-01T00:00:00Z' }, 'CALENDAR_BAD_RANGE', 'usage', /must end after it starts/],
      [{ until: '2036-01-01T00:00:00Z' }, 'CALENDAR_BAD_RANGE', 'usage', /at most 1098 days/],
      [{ timeZone: 'Berlin' }, 'TIME_ZONE_UNKNOWN', 'usage', /'Berlin' is not a time zone/],
      [{ environment: 'mars' }, 'UNKNOWN_ENVIRONMENT', 'not-found', /no environment 'mars'/],
    ];
    for (const [change, code, kind, message] of cases) {
      const before = await snapshot(stores);
      await expectRefusal(() => importFreezeCalendar(stores, { ...base, ...change }), code, kind, message);
      assert.equal(await snapshot(stores), before, `${code}: the store changed`);
    }
  });
});

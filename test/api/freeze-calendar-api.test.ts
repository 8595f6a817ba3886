import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { startApi } from './api-harness.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../governance/fixtures/${name}`, import.meta.url), 'utf8');

describe('freezes from an iCalendar file over HTTP, as tollgate freeze import', async () => {
  const api = await startApi();
  const send = (path: string, body: unknown, role: 'finance-admin' | 'viewer' = 'finance-admin') =>
    api.json(path, {
      role,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const freezes = async () => (await api.json('/api/v1/freezes', { role: 'viewer' })).body.freezes;

  it('imports the occurrences in range with the token user, audited; broken ones change nothing', async () => {
    assert.equal((await send('/api/v1/catalog', { yaml: fixture('catalog.yaml') })).status, 201);
    const calendar = fixture('change-calendar.ics');
    const body = {
      calendar,
      source: 'change-calendar.ics',
      environment: 'production',
      from: '2026-03-01T00:00:00Z',
      until: '2026-05-01T00:00:00Z',
      timeZone: 'Europe/Berlin',
    };
    const refusals: [unknown, number, string][] = [
      [{ ...body, calendar: 'not a calendar' }, 422, 'CALENDAR_INVALID'],
      [
        { ...body, calendar: calendar.replaceAll('Europe/Berlin', 'Berlin/Mitte') },
        422,
        'CALENDAR_UNKNOWN_TZID',
      ],
      [{ ...body, timeZone: 'Mitteleuropa' }, 400, 'TIME_ZONE_UNKNOWN'],
      [{ ...body, until: 'tomorrow' }, 400, 'CALENDAR_BAD_RANGE'],
      [{ ...body, environment: 'mars' }, 404, 'UNKNOWN_ENVIRONMENT'],
      [{ ...body, extra: true }, 400, 'REQUEST_INVALID'],
    ];
    for (const [broken, status, code] of refusals) {
      const answer = await send('/api/v1/freezes/import', broken);
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, code, JSON.stringify(answer.body));
    }
    assert.equal((await send('/api/v1/freezes/import', body, 'viewer')).status, 403);
    assert.deepEqual(await freezes(), []);

    const imported = await send('/api/v1/freezes/import', body);
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    assert.equal(imported.body.imported.length, 5);
    assert.equal(imported.body.imported[0].createdBy, 'finance-admin-user');
    assert.equal((await freezes()).length, 5);
    const [audited] = await api.stores.access.audit.listEntries({ action: 'freezes.import' });
    assert.equal(audited?.target, 'calendar:change-calendar.ics');
    const again = await send('/api/v1/freezes/import', body);
    assert.deepEqual([again.body.imported.length, again.body.alreadyPresent], [0, 5]);

    const calendarView = await api.json('/api/v1/calendar?at=2026-03-27T15:30:00Z', { role: 'viewer' });
    const production = calendarView.body.environments.find(
      (e: { environment: string }) => e.environment === 'production',
    );
    assert.equal(production.mayDeploy, false);
  });
});

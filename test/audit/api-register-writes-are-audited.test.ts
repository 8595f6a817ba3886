import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe } from 'node:test';
import { parse } from 'yaml';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { addUser } from '../../src/app/access/manage-users.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { startApi, TEST_ACTOR } from '../api/api-harness.js';
import { type ApiWrite, describeAuditedRoutes, json, lastTarget } from './prove-api-writes.js';

const FILE = 'api-register-writes-are-audited';
const PASSWORD = 'correct horse battery staple';
const exampleYaml = (...path: string[]) => parse(readFileSync(packageRootPath('examples', ...path), 'utf8'));

/**
 * Registers and finance set-up over HTTP: assets, the journal map, vendor contracts and licences,
 * one record per call (a load records one entry per record), and alert channels (tested against
 * a receiver on this machine), proven in order on one server with the demo catalogue.
 */
describe('register, finance and channel routes each record exactly one audit entry', async () => {
  const api = await startApi({ webhookAllowPrivate: true });
  const receiver = createServer((_request, response) => response.writeHead(200).end('ok'));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  let channelId = '';
  let session = { cookie: '', csrf: '' };
  const signIn = (password: string) => json({ name: 'ada', password });
  const [server, storage] = exampleYaml('assets', 'asset-register.yaml').assets;
  const [datadog] = exampleYaml('contracts', 'vendor-contracts.yaml').contracts;
  const licence = {
    id: 'L-DD-HOSTS-2026',
    product: 'Datadog Infrastructure',
    publisher: 'Datadog',
    metric: 'cores',
    quantity: 64,
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    price: '36000',
    currency: 'USD',
    contractId: 'C-DATADOG-2026',
    ownerTeam: 'observability',
  };
  const breach = (month: string, measured: string) => ({
    contractId: 'C-DATADOG-2026',
    sla: 'availability',
    month,
    measured,
  });

  /** By route id, in the order they run: later calls use what earlier ones made. */
  const WRITES: Record<string, ApiWrite> = {
    createAsset: {
      path: () => '/api/v1/assets',
      valid: () => json(server),
      broken: () => json({ ...server, id: 'srv-2', acquisitionCost: 'lots' }),
      action: 'assets.create',
    },
    updateAsset: {
      path: () => `/api/v1/assets/${server.id}`,
      valid: () => json({ ...server, location: 'dc-fra-2' }),
      broken: () => json({ ...server, usefulLifeMonths: -1 }),
      action: 'assets.update',
    },
    loadAssets: {
      path: () => '/api/v1/assets/load',
      valid: () => json({ assets: [storage] }),
      broken: () => json({ assets: [{ ...storage, id: 'san-2', currency: 'euros' }] }),
      action: 'assets.create',
    },
    postDepreciation: {
      path: () => '/api/v1/assets/depreciation',
      valid: () => json({ through: '2025-03' }),
      broken: () => json({ through: 'March' }),
      action: 'ingest.load',
    },
    applyJournalMap: {
      path: () => '/api/v1/journal/map',
      valid: () =>
        json({
          clearing_account: '2100',
          expense_account: '6100',
          cost_centres: { cc: 'CC100', unallocated: 'CC999' },
        }),
      broken: () => json({ clearing_account: ['2100'] }),
      action: 'journal.map.apply',
    },
    loadContracts: {
      path: () => '/api/v1/contracts/load',
      valid: () => json({ contracts: [datadog] }),
      broken: () => json({ contracts: [{ ...datadog, id: 'C-2', currency: 'dollars' }] }),
      action: 'contracts.create',
    },
    recordSlaBreach: {
      path: () => '/api/v1/contracts/breaches',
      valid: () => json(breach('2026-02', '99.5')),
      // The level was met: no breach to record.
      broken: () => json(breach('2026-03', '100')),
      action: 'contracts.sla-breach.create',
    },
    recordSlaCredit: {
      path: () => '/api/v1/contracts/breach-credits',
      valid: () =>
        json({ breachId: 'C-DATADOG-2026:availability:2026-02', amount: '1500', receivedOn: '2026-03-20' }),
      broken: () =>
        json({ breachId: 'C-DATADOG-2026:availability:2026-02', amount: '1500', receivedOn: 'soon' }),
      action: 'contracts.sla-breach.credit',
    },
    raiseRenewalAlerts: {
      path: () => '/api/v1/contracts/renewal-alerts',
      valid: () => json({ asOf: '2026-09-15', within: '60' }),
      broken: () => json({ asOf: '2026-09-15', within: 'ever' }),
      action: 'contracts.renewal-alerts',
    },
    loadLicences: {
      path: () => '/api/v1/licences/load',
      valid: () => json({ licences: [licence] }),
      broken: () => json({ licences: [{ ...licence, id: 'L-9', contractId: '' }] }),
      action: 'licences.create',
    },
    loadLicenceUsage: {
      path: () => '/api/v1/licences/usage',
      valid: () =>
        json({
          usage: [{ licenceId: licence.id, assignee: 'host-pool', team: 'observability', quantity: 60 }],
        }),
      broken: () =>
        json({
          usage: [{ licenceId: licence.id, assignee: 'host-pool', team: 'observability', quantity: -4 }],
        }),
      action: 'licences.usage.create',
    },
    postLicenceCosts: {
      path: () => '/api/v1/licences/costs',
      valid: () => json({ through: '2026-03' }),
      broken: () => json({ through: 'June' }),
      action: 'ingest.load',
    },
    createChannel: {
      path: () => '/api/v1/alerts/channels',
      valid: () => json({ url: receiverUrl, format: 'json', secret: 'a-secret-of-16-chars' }),
      // A weak secret is refused.
      broken: () => json({ url: receiverUrl, format: 'json', secret: 'short' }),
      action: 'alerts.webhooks.add',
    },
    testChannel: {
      prepare: async () => {
        channelId = await lastTarget(api, 'alerts.webhooks.add');
      },
      path: () => `/api/v1/alerts/channels/${channelId}/test`,
      brokenPath: () => '/api/v1/alerts/channels/99999/test',
      valid: () => undefined,
      broken: () => undefined,
      action: 'alerts.webhooks.test',
    },
    removeChannel: {
      path: () => `/api/v1/alerts/channels/${channelId}`,
      valid: () => undefined,
      broken: () => undefined,
      action: 'alerts.webhooks.remove',
    },
    signIn: {
      path: () => '/api/v1/sessions',
      valid: () => signIn(PASSWORD),
      broken: () => signIn('not the password at all'),
      action: 'sessions.create',
      anonymous: true,
      actor: 'user:ada',
    },
    signInWithCookie: {
      path: () => '/api/v1/sessions/cookie',
      valid: () => signIn(PASSWORD),
      broken: () => signIn('not the password at all'),
      action: 'sessions.create',
      anonymous: true,
      actor: 'user:ada',
    },
    signOut: {
      prepare: async () => {
        const response = await fetch(`${api.base}/api/v1/sessions/cookie`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'ada', password: PASSWORD }),
        });
        const body = (await response.json()) as { csrfToken: string };
        session = { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
      },
      path: () => '/api/v1/sessions/current',
      valid: () => undefined,
      // Twice: the session has ended, so its cookie no longer signs anyone in.
      broken: () => undefined,
      action: 'sessions.end',
      anonymous: true,
      headers: () => ({ cookie: session.cookie, 'x-tollgate-csrf': session.csrf }),
      actor: 'user:ada',
    },
  };

  describeAuditedRoutes(
    FILE,
    WRITES,
    async () => {
      await applyCatalog(
        api.stores,
        packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
        TEST_ACTOR,
      );
      await addUser(api.stores, TEST_ACTOR, { name: 'ada', role: 'admin', scopes: [], password: PASSWORD });
    },
    api,
  );
});

import { z } from 'zod';
import { applyJournalMapJson, showJournalMaps } from '../../app/journal/apply-journal-map.js';
import { exportJournal, journalCsv } from '../../app/journal/export-journal.js';
import { TollgateError } from '../../core/errors.js';
import { defineRoute } from '../route-spec.js';

const codes = z.record(z.string(), z.string());
const journalMapSchema = z.object({
  clearingAccount: z.string(),
  providerClearingAccounts: codes,
  expenseAccount: z.string(),
  serviceCategoryAccounts: codes,
  costCentres: codes,
});
const storedMapSchema = z.object({
  version: z.number(),
  map: journalMapSchema,
  appliedAt: z.string(),
  appliedBy: z.string(),
});

export const journalRoutes = [
  defineRoute({
    id: 'exportJournal',
    method: 'GET',
    path: '/api/v1/exports/journal',
    summary:
      "A period's allocated cost as finance's journal (CSV or JSON): balanced double-entry lines per cost centre and ledger account, rounded to the minor unit by largest remainder; a closed period's journal is frozen",
    tag: 'allocation',
    permission: 'costs:read',
    raw: true,
    query: z
      .object({
        period: z.string().min(1).max(20).describe('a month, YYYY-MM, that has an allocation run'),
        format: z.string().max(20).default('csv').describe('csv or json'),
      })
      .strict(),
    response: z.string(),
    errors: {
      409: 'No allocation run (EXPORT_NOT_ALLOCATED), no journal map (JOURNAL_NO_MAP) or an unmapped cost centre (JOURNAL_UNMAPPED_COST_CENTRE)',
    },
    handler: async ({ query, services, reply }) => {
      const format = query.format.trim().toLowerCase();
      if (format !== 'csv' && format !== 'json')
        throw new TollgateError(
          'EXPORT_BAD_FORMAT',
          `format ${query.format} is not one of csv, json.`,
          'usage',
        );
      const journal = await exportJournal(services.stores, { period: query.period });
      const name = `journal-${journal.period}-run${journal.runId}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      reply.header('x-tollgate-allocation-run', String(journal.runId));
      reply.header('x-tollgate-journal-map-version', String(journal.mapVersion));
      if (format === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8');
        await reply.send(journalCsv(journal));
      } else {
        reply.header('content-type', 'application/json; charset=utf-8');
        await reply.send(JSON.stringify(journal));
      }
      return undefined;
    },
  }),
  defineRoute({
    id: 'getJournalMap',
    method: 'GET',
    path: '/api/v1/journal/map',
    summary: 'The journal map in force (ledger accounts and cost centre codes) and its versions',
    tag: 'allocation',
    permission: 'costs:read',
    response: z.object({
      current: storedMapSchema.nullable(),
      versions: z.array(z.object({ version: z.number(), appliedAt: z.string(), appliedBy: z.string() })),
    }),
    handler: async ({ services }) => showJournalMaps(services.stores),
  }),
  defineRoute({
    id: 'applyJournalMap',
    method: 'PUT',
    path: '/api/v1/journal/map',
    summary:
      'Store a journal map as a new version (audited): clearing_account, provider_clearing_accounts, expense_account, service_category_accounts, cost_centres',
    tag: 'allocation',
    permission: 'allocation:run',
    body: z
      .record(z.string(), z.unknown())
      .describe('the journal map, with the YAML file’s snake_case fields'),
    response: z.object({ version: z.number(), map: journalMapSchema }),
    errors: { 422: 'The map is invalid (JOURNAL_MAP_INVALID)' },
    handler: async ({ body, actor, services }) => applyJournalMapJson(services.stores, actor, body),
  }),
];

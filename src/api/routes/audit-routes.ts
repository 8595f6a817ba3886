import { Readable } from 'node:stream';
import { z } from 'zod';
import { exportAuditLog } from '../../app/audit/verify-audit-log.js';
import { defineRoute } from '../route-spec.js';

const instant = z.iso.datetime({ offset: true });

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  tokenId: z.string().nullable(),
  address: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditRoutes = [
  defineRoute({
    id: 'listAuditEntries',
    method: 'GET',
    path: '/api/v1/audit',
    summary: 'The audit log, oldest first, filtered; page with afterSeq (the last seq you received)',
    tag: 'audit',
    permission: 'audit:read',
    query: z.object({
      actor: z.string().max(200).optional().describe('user:<name> or cli:<os user>'),
      action: z
        .string()
        .max(100)
        .optional()
        .describe('an action or its prefix, e.g. sources or sources.remove'),
      target: z.string().max(200).optional().describe('e.g. load:12'),
      since: instant.optional().describe('inclusive ISO-8601 instant'),
      until: instant.optional().describe('exclusive ISO-8601 instant'),
      afterSeq: z.coerce.number().int().min(0).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    response: z.object({ entries: z.array(auditEntrySchema), nextAfterSeq: z.number().int().nullable() }),
    handler: async ({ query, services }) => {
      const since = query.since && new Date(query.since).toISOString();
      const until = query.until && new Date(query.until).toISOString();
      const entries = await services.stores.access.audit.listEntries({ ...query, since, until });
      return {
        entries,
        nextAfterSeq: entries.length === query.limit ? entries[entries.length - 1]!.seq : null,
      };
    },
  }),
  defineRoute({
    id: 'exportAuditEntries',
    method: 'GET',
    path: '/api/v1/audit/export',
    summary:
      'The audit log as JSON lines (application/x-ndjson), oldest first, streamed; same filters as /api/v1/audit',
    tag: 'audit',
    permission: 'audit:read',
    raw: true,
    query: z.object({
      actor: z.string().max(200).optional(),
      action: z.string().max(100).optional(),
      target: z.string().max(200).optional(),
      since: instant.optional(),
      until: instant.optional(),
    }),
    response: z.string(),
    handler: async ({ query, services, reply }) => {
      const since = query.since && new Date(query.since).toISOString();
      const until = query.until && new Date(query.until).toISOString();
      const stream = new Readable({ read() {} });
      exportAuditLog(services.stores, { ...query, since, until }, (line) => {
        stream.push(line);
      }).then(
        () => stream.push(null),
        (error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))),
      );
      reply.header('content-type', 'application/x-ndjson');
      await reply.send(stream);
      return undefined;
    },
  }),
];

import { z } from 'zod';
import { verifyAuditLog } from '../../app/audit/verify-audit-log.js';
import { defineRoute } from '../route-spec.js';

/**
 * The chain check of `tollgate audit verify`, over HTTP, for the dashboard's audit view. It
 * reads the whole log (a hash chain can only be checked from its first entry), so it is a
 * separate call from the paged listing and only for the roles that read the log.
 */
export const auditVerifyRoute = defineRoute({
  id: 'verifyAuditLog',
  method: 'GET',
  path: '/api/v1/audit/verify',
  summary:
    'Checks the audit log hash chain from its first entry and its length against the checkpoint kept apart: ok, entries, the head hash, the first problem found',
  tag: 'audit',
  permission: 'audit:read',
  query: z.object({
    expectHead: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'a head hash is 64 lowercase hexadecimal characters')
      .optional()
      .describe('the head hash recorded earlier: entries removed from the end are then found too'),
  }),
  response: z.object({
    ok: z.boolean(),
    entries: z.number().int(),
    headHash: z.string(),
    problem: z
      .object({
        seq: z.number().int(),
        problem: z.enum(['edited', 'missing', 'reordered', 'broken-link', 'bad-checkpoint']),
        message: z.string(),
      })
      .nullable(),
    checkpoint: z
      .object({
        location: z.string(),
        seq: z.number().int(),
        hash: z.string(),
        at: z.string(),
        signed: z.boolean(),
      })
      .nullable()
      .describe(
        'the head kept apart (TOLLGATE_AUDIT_CHECKPOINT) the log was checked against; null when none is kept',
      ),
  }),
  handler: async ({ query, services }) =>
    verifyAuditLog(services.stores, query.expectHead, services.auditAnchor),
});

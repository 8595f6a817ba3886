import { z } from 'zod';
import { defineRoute } from '../route-spec.js';

const decisionEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.string(),
  subject: z.string(),
  actor: z.string(),
  decision: z.string(),
  inputs: z.unknown(),
  result: z.unknown(),
});

/** The append-only governance decision log, as tollgate changes log shows it. */
export const decisionLogRoute = defineRoute({
  id: 'listDecisionLog',
  method: 'GET',
  path: '/api/v1/decisions',
  summary:
    'The append-only decision log (gates, change requests, approvals, sign-offs, break-glass, freezes, policy, rate card, releases, incidents) with every input, oldest first, like tollgate changes log; page with afterSeq',
  tag: 'governance',
  permission: 'governance:read',
  query: z.object({
    kind: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('e.g. gate, change.request, break-glass, release.close'),
    subject: z.string().min(1).max(300).optional().describe('e.g. change:CHG-3, release:R-2026-03'),
    afterSeq: z.coerce.number().int().min(0).optional().describe('the last seq of the previous page'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  }),
  response: z.object({ entries: z.array(decisionEntry), nextAfterSeq: z.number().int().nullable() }),
  handler: async ({ query, services }) => {
    const entries = await services.stores.governance.decisions.listDecisions({
      kind: query.kind,
      subject: query.subject,
      afterSeq: query.afterSeq,
      limit: query.limit,
    });
    return {
      entries,
      nextAfterSeq: entries.length === query.limit ? entries[entries.length - 1]!.seq : null,
    };
  },
});

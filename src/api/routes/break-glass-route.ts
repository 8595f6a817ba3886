import { z } from 'zod';
import { breakGlassAudited } from '../../app/governance/audited/freeze-writes.js';
import { breakGlassSchema } from '../governance-schemas.js';
import { defineRoute } from '../route-spec.js';

/**
 * Break-glass over HTTP, like tollgate freeze break-glass: whoever may set freezes may open
 * them, for a bounded time, recorded with who (the token user, never a name in the body) and why.
 */
export const breakGlassRoute = defineRoute({
  id: 'breakGlass',
  method: 'POST',
  path: '/api/v1/break-glass',
  summary:
    'Open the glass: deployments to an environment (or one service) pass freezes and windows from..until (at most 72 hours), audited with who and why',
  tag: 'governance',
  permission: 'governance:write',
  body: z
    .object({
      environment: z.string().min(1).max(200),
      service: z.string().min(1).max(200).optional().describe('only this service'),
      reason: z.string().min(1).max(2000),
      from: z.string().max(40).optional().describe('start, ISO-8601 (default now)'),
      until: z.string().max(40).describe('end, ISO-8601; at most 72 hours after the start'),
    })
    .strict(),
  status: 201,
  response: breakGlassSchema,
  errors: {
    422: 'A bad time, an end before the start, or more than 72 hours (BREAK_GLASS_INVALID)',
    404: 'Unknown environment or service (UNKNOWN_ENVIRONMENT, UNKNOWN_SERVICE)',
  },
  handler: async ({ body, principal, actor, services }) =>
    breakGlassAudited(
      services.stores,
      { actor, principal: principal! },
      { ...body, from: body.from ?? new Date().toISOString() },
    ),
});

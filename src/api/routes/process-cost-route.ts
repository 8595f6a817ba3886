import { z } from 'zod';
import { computeServiceProcessCost } from '../../app/governance/deployments/compute-governance-kpis.js';
import { decimalText } from '../api-schemas.js';
import { processCostSchema } from '../governance-schemas.js';
import { defineRoute } from '../route-spec.js';

/**
 * The process-cost comparison of `tollgate process-cost` over HTTP, for the dashboard's
 * releases view: what a service's last N deployed changes cost to run and to wait for under
 * the current change models, and what they would cost if small changes were standard.
 */
export const processCostRoute = defineRoute({
  id: 'getProcessCost',
  method: 'GET',
  path: '/api/v1/process-cost',
  summary:
    "The cost of the deployment process for a service's last N deployed changes, now and if small changes were standard",
  tag: 'governance',
  permission: 'governance:read',
  query: z.object({
    service: z.string().min(1).max(200).describe('a catalogue service id'),
    last: z.coerce.number().int().min(1).max(1000).default(20).describe('how many of the latest changes'),
    setupCost: decimalText.default('0').describe('one-off setup cost of the process, shown apart'),
  }),
  response: processCostSchema,
  errors: { 404: 'No catalogue, policy or rate card applied' },
  handler: async ({ query, services }) =>
    computeServiceProcessCost(services.stores, query.service, query.last, query.setupCost),
});

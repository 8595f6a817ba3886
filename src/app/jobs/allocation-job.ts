import type { JobHandler, JobRequest } from '../../ports/job-queue.js';
import type { Stores } from '../../ports/stores.js';
import { allocatePeriods } from '../allocation/run-allocation.js';
import type { Actor } from '../audit/record-audit.js';

export interface AllocationJobRequest extends JobRequest {
  kind: 'allocation';
  input: { period: string };
  work: { actor: Actor };
}

export function allocationJobRequest(createdBy: string, period: string, actor: Actor): AllocationJobRequest {
  return { kind: 'allocation', createdBy, input: { period }, work: { actor } };
}

/**
 * Allocates a period or range in one transaction with its audit entry. A run replaces the
 * period's previous run, so a retry after a worker died gives the same allocation. Then the
 * store's allocated rollups are brought up to the new runs (after the commit, outside the run).
 */
export function allocationJobHandler(stores: Stores): JobHandler {
  return {
    run: async (request) => {
      const { input, work } = request as AllocationJobRequest;
      const summary = await allocatePeriods(stores, input.period, work.actor);
      await stores.costs.refreshAllocatedRollups();
      return summary;
    },
  };
}

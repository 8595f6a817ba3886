import { z } from 'zod';
import {
  closeReleaseAudited,
  createReleaseAudited,
  logReleaseTimeAudited,
} from '../../app/governance/audited/release-writes.js';
import { estimateWithCorrection, releaseSchema } from '../../app/governance/releases/manage-releases.js';
import { idParams } from '../api-schemas.js';
import {
  createdReleaseSchema,
  releaseClosingSchema,
  releaseEstimateSchema,
  timeEntrySchema,
} from '../governance-schemas.js';
import { defineRoute } from '../route-spec.js';

/** The release manager's writes: create a release, book time to it, close it; and its estimate. */
export const releaseWriteRoutes = [
  defineRoute({
    id: 'createRelease',
    method: 'POST',
    path: '/api/v1/releases',
    summary:
      'Create a release with its bottom-up estimate, like tollgate release create --file (the same document as JSON; audited)',
    tag: 'governance',
    permission: 'governance:write',
    body: releaseSchema,
    status: 201,
    response: createdReleaseSchema,
    errors: {
      404: 'Unknown service, or no catalogue or rate card (UNKNOWN_SERVICE, CATALOG_MISSING, RATECARD_MISSING)',
      409: 'The id is taken (RELEASE_EXISTS)',
      422: 'A role or environment class the rate card cannot price',
    },
    handler: async ({ body, principal, actor, services }) =>
      createReleaseAudited(services.stores, { actor, principal: principal! }, body, 'request body'),
  }),
  defineRoute({
    id: 'getReleaseEstimate',
    method: 'GET',
    path: '/api/v1/releases/:id/estimate',
    summary:
      'The estimate line by line with the correction factor of closed releases of the same services, like tollgate release estimate',
    tag: 'governance',
    permission: 'governance:read',
    params: idParams,
    response: releaseEstimateSchema,
    errors: { 404: 'No such release (RELEASE_NOT_FOUND)' },
    handler: async ({ params, services }) => estimateWithCorrection(services.stores, params.id),
  }),
  defineRoute({
    id: 'logReleaseTime',
    method: 'POST',
    path: '/api/v1/releases/:id/time',
    summary:
      "Book labour to an open release at the rate card's rate for the role on that day, like tollgate release log-time (audited)",
    tag: 'governance',
    permission: 'governance:write',
    params: idParams,
    body: z
      .object({
        person: z.string().min(1).max(200).describe('who worked'),
        role: z.string().min(1).max(100).describe('a rate card role'),
        hours: z.string().max(40).describe('hours worked, a positive number such as 7.5'),
        date: z.string().max(40).describe('the day worked, YYYY-MM-DD'),
        note: z.string().max(2000).optional(),
      })
      .strict(),
    status: 201,
    response: timeEntrySchema,
    errors: {
      400: 'Bad hours or date (TIME_BAD_HOURS, TIME_BAD_DATE)',
      404: 'No such release (RELEASE_NOT_FOUND)',
      409: 'The release is closed (RELEASE_CLOSED)',
      422: 'No rate for the role that day, or in another currency',
    },
    handler: async ({ params, body, principal, actor, services }) =>
      (await logReleaseTimeAudited(
        services.stores,
        { actor, principal: principal! },
        { ...body, releaseId: params.id },
      )) as z.input<typeof timeEntrySchema>,
  }),
  defineRoute({
    id: 'closeRelease',
    method: 'POST',
    path: '/api/v1/releases/:id/close',
    summary:
      'Close a release: its estimate vs actual is recorded and feeds later correction factors, like tollgate release close (audited)',
    tag: 'governance',
    permission: 'governance:write',
    params: idParams,
    body: z.object({}).strict().optional().describe('nothing, or an empty object'),
    response: releaseClosingSchema,
    errors: {
      404: 'No such release (RELEASE_NOT_FOUND)',
      409: 'Already closed (RELEASE_CLOSED)',
    },
    handler: async ({ params, principal, actor, services }) =>
      closeReleaseAudited(services.stores, { actor, principal: principal! }, params.id),
  }),
];

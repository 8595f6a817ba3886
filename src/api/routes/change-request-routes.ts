import { z } from 'zod';
import { submitChange } from '../../app/governance/audited/change-writes.js';
import { type LoggedGateDecision, listGateDecisions } from '../../app/governance/gate/list-gate-decisions.js';
import { decimalText } from '../api-schemas.js';
import { changeSchema, gateDecisionSchema } from '../governance-schemas.js';
import { defineRoute } from '../route-spec.js';

const changeRequestBody = z
  .object({
    service: z.string().min(1).max(200),
    environment: z.string().min(1).max(200),
    changeType: z.enum(['standard', 'normal', 'emergency']).default('normal'),
    releaseId: z.string().min(1).max(200).optional().describe('the open release it belongs to'),
    version: z.string().min(1).max(200).optional().describe('the version to deploy'),
    estimatedCost: decimalText.describe('estimated cost of the change, non-negative'),
    readyAt: z
      .string()
      .max(40)
      .optional()
      .describe('when the change was ready to deploy, ISO-8601 (default now)'),
    justification: z
      .object({
        reason: z.string().min(1).max(2000),
        expediteCost: decimalText.describe('what deploying now costs extra'),
        costOfDelayPerWeek: decimalText.describe('business value lost per week of waiting'),
      })
      .strict()
      .optional()
      .describe('out of cycle: why it should go outside the deployment windows'),
  })
  .strict();

const loggedGateDecision = z.object({
  seq: z.number().int(),
  loggedAt: z.string(),
  actor: z.string().describe('who asked the gate'),
  decision: gateDecisionSchema,
}) satisfies z.ZodType<LoggedGateDecision>;

export const changeRequestRoutes = [
  defineRoute({
    id: 'requestChange',
    method: 'POST',
    path: '/api/v1/changes',
    summary:
      'Raise a change request as the token user, like tollgate changes request (audited; scoped roles only for their teams’ services)',
    tag: 'governance',
    permission: 'gate:decide',
    body: changeRequestBody,
    status: 201,
    response: changeSchema,
    errors: {
      400: 'A bad amount or time (CHANGE_BAD_AMOUNT, CHANGE_BAD_TIME)',
      404: 'Unknown service, environment or release, or no catalogue or policy (UNKNOWN_SERVICE, RELEASE_NOT_FOUND, POLICY_MISSING)',
      409: 'The release is closed (RELEASE_CLOSED)',
    },
    handler: async ({ body, principal, actor, services }) =>
      submitChange(services.stores, { actor, principal: principal! }, body, {
        allowPrivate: services.config.webhookAllowPrivate,
      }),
  }),
  defineRoute({
    id: 'listGateDecisions',
    method: 'GET',
    path: '/api/v1/gate/decisions',
    summary:
      "The gate's decisions from the append-only decision log (tollgate changes log --kind gate), oldest first; page with afterSeq",
    tag: 'governance',
    permission: 'governance:read',
    query: z.object({
      release: z.string().min(1).max(200).optional(),
      service: z.string().min(1).max(200).optional(),
      environment: z.string().min(1).max(200).optional(),
      outcome: z.enum(['allow', 'deny']).optional(),
      from: z.string().max(40).optional().describe('inclusive ISO-8601 time the decision was asked as of'),
      to: z.string().max(40).optional().describe('exclusive ISO-8601 time'),
      afterSeq: z.coerce.number().int().min(0).optional().describe('the last seq of the previous page'),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    response: z.object({ decisions: z.array(loggedGateDecision), nextAfterSeq: z.number().int().nullable() }),
    errors: {
      400: 'A time that is not ISO-8601 (GATE_LOG_BAD_TIME)',
      404: 'Unknown release (RELEASE_NOT_FOUND)',
    },
    handler: async ({ query, services }) => listGateDecisions(services.stores, query),
  }),
];

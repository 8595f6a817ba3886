import { z } from 'zod';
import {
  importIncidentsAudited,
  recordIncidentAudited,
} from '../../app/governance/audited/delivery-writes.js';
import { incidentSchema } from '../governance-schemas.js';
import { defineRoute } from '../route-spec.js';

const instantText = (what: string) => z.string().max(40).describe(`${what}, ISO-8601`);
const sourceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, dot, dash, underscore')
  .describe('the incident tool; an incident id is recorded once per source');

/** Incidents, which DORA's change failure rate and time to restore count. */
export const incidentRoutes = [
  defineRoute({
    id: 'recordIncident',
    method: 'POST',
    path: '/api/v1/incidents',
    summary:
      'Record one incident like tollgate incident record (audited); the same id from the same source is recorded once',
    tag: 'governance',
    permission: 'governance:write',
    body: z
      .object({
        id: z.string().min(1).max(200).optional().describe('the id in your incident tool (default INC-n)'),
        source: sourceName.default('api'),
        service: z.string().min(1).max(200),
        environment: z.string().min(1).max(200),
        title: z.string().max(2000).default(''),
        severity: z.string().min(1).max(100).default('unknown'),
        startedAt: instantText('when it started'),
        resolvedAt: instantText('when it was resolved').optional(),
        deploymentId: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe('the deployment that caused it, when known'),
        detectedAt: instantText('when it was detected, between start and resolution').optional(),
        affectedServices: z
          .array(z.string().min(1).max(200))
          .max(100)
          .optional()
          .describe('other services it hit'),
        responders: z
          .array(z.object({ role: z.string().min(1).max(200), hours: z.string().max(40) }).strict())
          .max(200)
          .optional()
          .describe("responders' rate card roles and hours"),
        slaCredits: z.string().max(40).optional().describe('SLA credits paid, in the policy currency'),
      })
      .strict(),
    status: 201,
    response: incidentSchema,
    errors: {
      404: 'Unknown service, environment or deployment (UNKNOWN_SERVICE, DEPLOYMENT_NOT_FOUND)',
      409: 'Already recorded (INCIDENT_DUPLICATE)',
      422: 'A bad time, resolved before it started, detected outside it, a bad responder or amount (INCIDENT_BAD_TIME, INCIDENT_END_BEFORE_START, INCIDENT_BAD_DETECTION, INCIDENT_BAD_RESPONDER, INCIDENT_BAD_FIELD)',
    },
    handler: async ({ body, principal, actor, services }) =>
      recordIncidentAudited(services.stores, { actor, principal: principal! }, body),
  }),
  defineRoute({
    id: 'importIncidents',
    method: 'POST',
    path: '/api/v1/incidents/import',
    summary:
      'Import an incident tool export like tollgate incident import, all or none (audited); incidents already recorded are skipped',
    tag: 'governance',
    permission: 'governance:write',
    body: z
      .object({
        source: sourceName.default('import'),
        incidents: z
          .array(z.record(z.string(), z.unknown()))
          .max(100_000)
          .describe('{id, service, environment, title, severity, startedAt, resolvedAt, deploymentId} each'),
      })
      .strict(),
    response: z.object({ recorded: z.number().int(), skipped: z.number().int() }),
    errors: {
      404: 'Unknown service or environment (UNKNOWN_SERVICE); nothing is recorded',
      422: 'A row that is not an incident (INCIDENT_IMPORT_INVALID); nothing is recorded',
    },
    handler: async ({ body, principal, actor, services }) =>
      importIncidentsAudited(
        services.stores,
        { actor, principal: principal! },
        { incidents: body.incidents },
        body.source,
        'request body',
      ),
  }),
];

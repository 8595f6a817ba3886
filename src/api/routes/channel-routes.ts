import { z } from 'zod';
import {
  createChannel,
  listChannels,
  removeChannel,
  testChannel,
} from '../../app/channels/manage-channels.js';
import { WEBHOOK_FORMATS } from '../../core/alerting/webhook-payload.js';
import { idParams } from '../api-schemas.js';
import { defineRoute } from '../route-spec.js';

const channelSchema = z.object({
  id: z.number().int(),
  format: z.enum(WEBHOOK_FORMATS),
  target: z.string(),
  route: z.string().nullable(),
  secret: z.literal('(hidden)'),
});

const channelErrors = {
  400: 'A bad address, format, secret or route (WEBHOOK_BAD_URL, WEBHOOK_WEAK_SECRET, WEBHOOK_BAD_ROUTING_KEY, WEBHOOK_BAD_ROUTE)',
};

/**
 * The channels alerts, approval requests and gate denials go to (webhook, Slack, Teams,
 * PagerDuty, e-mail): list, add, remove and test, as `tollgate alerts webhooks` does; secrets
 * are never answered, and every change is audited.
 */
export const channelRoutes = [
  defineRoute({
    id: 'listChannels',
    method: 'GET',
    path: '/api/v1/alerts/channels',
    summary: 'The notification channels and their routes (addresses shortened, secrets never shown)',
    tag: 'budgets',
    permission: 'budgets:read',
    response: z.array(channelSchema),
    handler: async ({ services }) => listChannels(services.stores),
  }),
  defineRoute({
    id: 'createChannel',
    method: 'POST',
    path: '/api/v1/alerts/channels',
    summary:
      'Add a channel, like tollgate alerts webhooks add (audited): route budget=NAME, approver=ROLE, catalog-service=ID, team=ID, or none for everything',
    tag: 'budgets',
    permission: 'budgets:write',
    status: 201,
    body: z
      .object({
        url: z.string().min(1).max(2000),
        format: z.enum(WEBHOOK_FORMATS).default('json'),
        secret: z.string().min(1).max(2000),
        route: z.string().min(1).max(400).optional(),
      })
      .strict(),
    response: channelSchema,
    errors: channelErrors,
    handler: async ({ body, actor, services }) =>
      createChannel(services.stores, actor, body, { allowPrivate: services.config.webhookAllowPrivate }),
  }),
  defineRoute({
    id: 'removeChannel',
    method: 'DELETE',
    path: '/api/v1/alerts/channels/:id',
    summary: 'Stop sending to a channel (its delivery history stays; audited)',
    tag: 'budgets',
    permission: 'budgets:write',
    params: idParams,
    response: channelSchema,
    errors: { 404: 'No such channel (WEBHOOK_NOT_FOUND)' },
    handler: async ({ params, actor, services }) => removeChannel(services.stores, actor, params.id),
  }),
  defineRoute({
    id: 'testChannel',
    method: 'POST',
    path: '/api/v1/alerts/channels/:id/test',
    summary: 'Send a test notice to a channel in its format and report every attempt (audited)',
    tag: 'budgets',
    permission: 'budgets:write',
    params: idParams,
    response: z.object({
      channel: channelSchema,
      delivered: z.boolean(),
      attempts: z.array(
        z.object({
          attempt: z.number().int(),
          at: z.string(),
          httpStatus: z.number().int().nullable(),
          error: z.string().nullable(),
          durationMs: z.number(),
        }),
      ),
    }),
    errors: { 404: 'No such channel (WEBHOOK_NOT_FOUND)' },
    handler: async ({ params, actor, services }) =>
      testChannel(services.stores, actor, params.id, { allowPrivate: services.config.webhookAllowPrivate }),
  }),
];

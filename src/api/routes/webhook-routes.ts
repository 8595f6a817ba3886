import { z } from 'zod';
import { guardDeliveryBody } from '../../app/governance/deployments/claim-delivery-body.js';
import {
  handleArgoCdDelivery,
  handleGenericDelivery,
  handleGitHubDelivery,
  handleGitLabDelivery,
  type WebhookResult,
} from '../../app/governance/deployments/handle-webhooks.js';
import { recordGenericDelivery } from '../../app/governance/deployments/record-generic-delivery.js';
import { checkSignedDelivery } from '../../core/access/signed-delivery.js';
import { safeEqual, signatureMatches } from '../../core/access/webhook-signature.js';
import { isTollgateError, TollgateError } from '../../core/errors.js';
import { defineRoute } from '../route-spec.js';
import {
  bodyDigest,
  finishDelivery,
  gitHubAnswerer,
  header,
  rawText,
  refuseDelivery,
  refuseStaleDelivery,
  secretOf,
  webhookActor,
} from '../webhook-requests.js';

const webhookResult = z.object({
  status: z.enum(['processed', 'duplicate', 'ignored']),
  deliveryId: z.string(),
  event: z.string(),
  outcome: z.string(),
  detail: z.unknown().optional(),
}) satisfies z.ZodType<WebhookResult>;

const common = { tag: 'webhooks', permission: 'public' as const, body: z.unknown(), response: webhookResult };

export const webhookRoutes = [
  defineRoute({
    ...common,
    id: 'githubWebhook',
    method: 'POST',
    path: '/api/v1/webhooks/github',
    summary:
      'GitHub webhook (X-Hub-Signature-256): deployment_status records deployments, deployment_protection_rule runs the gate and answers GitHub; other events are acknowledged and ignored',
    errors: { 503: 'No secret configured (WEBHOOK_NOT_CONFIGURED) or GitHub did not take the answer' },
    handler: async ({ request, reply, services }) => {
      const secret = secretOf(services.config, 'githubWebhookSecret', 'github');
      if (
        !signatureMatches(secret, request.rawBody ?? Buffer.alloc(0), header(request, 'x-hub-signature-256'))
      )
        refuseDelivery(request, services, 'github');
      const text = rawText(request);
      const result = await handleGitHubDelivery(
        services.cachedStores,
        webhookActor('github', request),
        {
          deliveryId: header(request, 'x-github-delivery') ?? bodyDigest(request),
          event: header(request, 'x-github-event') ?? 'unknown',
          text,
        },
        gitHubAnswerer(services.config),
      );
      if (result.status === 'ignored') reply.status(202);
      return finishDelivery(services, request, 'github', result);
    },
  }),
  defineRoute({
    ...common,
    id: 'gitlabWebhook',
    method: 'POST',
    path: '/api/v1/webhooks/gitlab',
    summary:
      'GitLab webhook (X-Gitlab-Token): Deployment Hook records deployments; other events are acknowledged and ignored',
    handler: async ({ request, reply, services }) => {
      const secret = secretOf(services.config, 'gitlabWebhookSecret', 'gitlab');
      const token = header(request, 'x-gitlab-token');
      if (token === undefined || !safeEqual(token, secret)) refuseDelivery(request, services, 'gitlab');
      const text = rawText(request);
      const deliveryId =
        header(request, 'x-gitlab-event-uuid') ??
        header(request, 'x-gitlab-webhook-uuid') ??
        bodyDigest(request);
      const result = await handleGitLabDelivery(services.cachedStores, webhookActor('gitlab', request), {
        deliveryId,
        event: header(request, 'x-gitlab-event') ?? 'unknown',
        text,
      });
      if (result.status === 'ignored') reply.status(202);
      return finishDelivery(services, request, 'gitlab', result);
    },
  }),
  defineRoute({
    ...common,
    id: 'argocdWebhook',
    method: 'POST',
    path: '/api/v1/webhooks/argocd',
    summary:
      'Argo CD notification webhook (shared secret in X-Argocd-Token): a finished sync records a deployment',
    handler: async ({ request, services }) => {
      const secret = secretOf(services.config, 'argocdWebhookSecret', 'argocd');
      const token = header(request, 'x-argocd-token');
      if (token === undefined || !safeEqual(token, secret)) refuseDelivery(request, services, 'argocd');
      const text = rawText(request);
      const result = await handleArgoCdDelivery(services.cachedStores, webhookActor('argocd', request), {
        deliveryId: header(request, 'x-delivery-id') ?? bodyDigest(request),
        event: 'notification',
        text,
      });
      return finishDelivery(services, request, 'argocd', result);
    },
  }),
  defineRoute({
    ...common,
    id: 'genericWebhook',
    method: 'POST',
    path: '/api/v1/webhooks/generic',
    summary:
      'Generic CI webhook: X-Tollgate-Timestamp (Unix seconds), X-Tollgate-Delivery (unique id), X-Tollgate-Signature (v1=hex HMAC-SHA256 of "<timestamp>.<delivery id>.<body>"), X-Tollgate-Event: deployment with the body of POST /api/v1/deployments',
    errors: {
      409: 'The same body was already delivered under another id within the timestamp window (WEBHOOK_REPLAY)',
    },
    handler: async ({ request, reply, services }) => {
      const secret = secretOf(services.config, 'genericWebhookSecret', 'generic');
      const deliveryId = header(request, 'x-tollgate-delivery');
      if (!deliveryId || deliveryId.length > 200) {
        throw new TollgateError(
          'WEBHOOK_NO_DELIVERY_ID',
          'Send X-Tollgate-Delivery with a unique id per delivery (at most 200 characters).',
          'usage',
        );
      }
      const body = request.rawBody ?? Buffer.alloc(0);
      const nowSeconds = Math.floor(Date.now() / 1000);
      const tolerance = services.config.webhookToleranceSeconds;
      const refusal = checkSignedDelivery(
        secret,
        {
          timestamp: header(request, 'x-tollgate-timestamp'),
          deliveryId,
          body,
          signature: header(request, 'x-tollgate-signature'),
        },
        nowSeconds,
        tolerance,
      );
      if (refusal === 'no-timestamp' || refusal === 'stale')
        refuseStaleDelivery(request, services, refusal, tolerance);
      if (refusal) refuseDelivery(request, services, 'generic');
      rawText(request);
      const bodyGuard = guardDeliveryBody('generic', deliveryId, body, nowSeconds, tolerance);
      const event = header(request, 'x-tollgate-event') ?? 'unknown';
      let deployment: Parameters<typeof handleGenericDelivery>[3];
      if (event === 'deployment') {
        const parsed = genericDeployment.safeParse(request.body);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new TollgateError(
            'WEBHOOK_MALFORMED',
            `The deployment is not valid: ${issue.path.join('.')}: ${issue.message}. Nothing was recorded.`,
            'usage',
          );
        }
        deployment = {
          ...parsed.data,
          source: 'generic',
          triggeredBy: parsed.data.triggeredBy ?? 'webhook:generic',
        };
      }
      const stores = services.cachedStores;
      const actor = webhookActor('generic', request);
      const alone = () =>
        handleGenericDelivery(stores, actor, { deliveryId, event, text: '', bodyGuard }, deployment);
      const result = await (deployment
        ? recordGenericDelivery(
            stores,
            services.webhookDeliveries,
            actor,
            deliveryId,
            deployment,
            alone,
            bodyGuard,
          )
        : alone()
      ).catch((error: unknown) => {
        if (isTollgateError(error) && error.code === 'WEBHOOK_REPLAY') {
          services.metrics.webhookDeliveries.inc({ provider: 'generic', outcome: 'replay' });
          request.log.warn(
            { provider: 'generic', address: request.ip, deliveryId },
            'webhook refused: replay',
          );
        }
        throw error;
      });
      if (result.status === 'ignored') reply.status(202);
      return finishDelivery(services, request, 'generic', result);
    },
  }),
];

const genericDeployment = z
  .object({
    service: z.string().min(1).max(200),
    environment: z.string().min(1).max(200),
    version: z.string().min(1).max(200),
    commitSha: z.string().max(100).optional(),
    committedAt: z.string().max(40).optional(),
    pipelineRun: z.string().max(500).optional(),
    startedAt: z.string().max(40),
    finishedAt: z.string().max(40),
    outcome: z.enum(['succeeded', 'failed', 'rolled_back']),
    changeType: z.enum(['standard', 'normal', 'emergency']).default('normal'),
    releaseId: z.string().max(200).optional(),
    changeRequestId: z.string().max(200).optional(),
    triggeredBy: z.string().max(200).optional(),
    pipelineMinutes: z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .default('0'),
  })
  .strict();

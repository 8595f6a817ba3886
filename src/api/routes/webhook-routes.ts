import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../app/audit/record-audit.js';
import { WebhookDeliveryBatcher } from '../../app/governance/deployments/batch-webhook-deliveries.js';
import {
  type AnswerGitHub,
  handleArgoCdDelivery,
  handleGenericDelivery,
  handleGitHubDelivery,
  handleGitLabDelivery,
  type WebhookResult,
} from '../../app/governance/deployments/handle-webhooks.js';
import {
  type DeploymentInput,
  type PreparedDeployment,
  prepareDeployment,
} from '../../app/governance/deployments/record-deployments.js';
import type { ServerConfig } from '../../config/tollgate-config.js';
import { AccessError } from '../../core/access/access-error.js';
import { safeEqual, signatureMatches } from '../../core/access/webhook-signature.js';
import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';
import type { ApiServices } from '../api-services.js';
import { defineRoute } from '../route-spec.js';
import { BAD_JSON } from '../webhook-body.js';

const webhookResult = z.object({
  status: z.enum(['processed', 'duplicate', 'ignored']),
  deliveryId: z.string(),
  event: z.string(),
  outcome: z.string(),
  detail: z.unknown().optional(),
});

type SecretName =
  | 'githubWebhookSecret'
  | 'gitlabWebhookSecret'
  | 'argocdWebhookSecret'
  | 'genericWebhookSecret';

function secretOf(config: ServerConfig, name: SecretName, provider: string): string {
  const secret = config[name];
  if (!secret) {
    throw new TollgateError(
      'WEBHOOK_NOT_CONFIGURED',
      `The ${provider} webhook has no secret configured (TOLLGATE_${provider.toUpperCase()}_WEBHOOK_SECRET); it accepts nothing until one is set.`,
      'unavailable',
    );
  }
  return secret;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** A bad signature is logged (without the body or any secret) and refused; nothing is recorded. */
function refuse(request: FastifyRequest, services: ApiServices, provider: string): never {
  services.metrics.webhookDeliveries.inc({ provider, outcome: 'bad-signature' });
  request.log.warn({ provider, address: request.ip }, 'webhook refused: bad signature');
  throw new AccessError(
    'WEBHOOK_BAD_SIGNATURE',
    `The ${provider} delivery is not signed with the configured secret; nothing was recorded.`,
    401,
  );
}

function rawText(request: FastifyRequest): string {
  if (request.body === BAD_JSON || request.rawBody === undefined) {
    throw new TollgateError(
      'REQUEST_BAD_JSON',
      'The webhook body is not valid JSON; nothing was recorded.',
      'usage',
    );
  }
  return request.rawBody.toString('utf8');
}

/** Senders without a delivery id are identified by their body: the same body twice is one delivery. */
function bodyDigest(request: FastifyRequest): string {
  return `sha256:${createHash('sha256')
    .update(request.rawBody ?? '')
    .digest('hex')
    .slice(0, 40)}`;
}

function webhookActor(provider: string, request: FastifyRequest): Actor {
  return { name: `webhook:${provider}`, tokenId: null, address: request.ip };
}

function finish(services: ApiServices, request: FastifyRequest, provider: string, result: WebhookResult) {
  services.metrics.webhookDeliveries.inc({ provider, outcome: result.status });
  if (result.status === 'ignored')
    request.log.info(
      { provider, event: result.event, deliveryId: result.deliveryId },
      'webhook event ignored',
    );
  if (result.outcome === 'allow' || result.outcome === 'deny')
    services.metrics.gateDecisions.inc({ outcome: result.outcome });
  return result;
}

/** Answers GitHub through the configured API base, never a host named in the payload. */
export function gitHubAnswerer(config: ServerConfig): AnswerGitHub {
  return async (answer) => {
    const base = config.githubApiUrl.replace(/\/+$/, '');
    const response = await fetch(
      `${base}/repos/${answer.repository}/actions/runs/${answer.runId}/deployment_protection_rule`,
      {
        method: 'POST',
        headers: {
          accept: 'application/vnd.github+json',
          'content-type': 'application/json',
          'x-github-api-version': '2022-11-28',
          ...(config.githubToken ? { authorization: `Bearer ${config.githubToken}` } : {}),
        },
        body: JSON.stringify({
          environment_name: answer.environment,
          state: answer.state,
          comment: answer.comment.slice(0, 1024),
        }),
        signal: AbortSignal.timeout(10_000),
      },
    );
    if (!response.ok) throw new Error(`GitHub answered ${response.status}`);
  };
}

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
        refuse(request, services, 'github');
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
      return finish(services, request, 'github', result);
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
      if (token === undefined || !safeEqual(token, secret)) refuse(request, services, 'gitlab');
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
      return finish(services, request, 'gitlab', result);
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
      if (token === undefined || !safeEqual(token, secret)) refuse(request, services, 'argocd');
      const text = rawText(request);
      const result = await handleArgoCdDelivery(services.cachedStores, webhookActor('argocd', request), {
        deliveryId: header(request, 'x-delivery-id') ?? bodyDigest(request),
        event: 'notification',
        text,
      });
      return finish(services, request, 'argocd', result);
    },
  }),
  defineRoute({
    ...common,
    id: 'genericWebhook',
    method: 'POST',
    path: '/api/v1/webhooks/generic',
    summary:
      'Generic CI webhook: X-Tollgate-Signature (sha256=HMAC of the body), X-Tollgate-Delivery, X-Tollgate-Event: deployment with the body of POST /api/v1/deployments',
    handler: async ({ request, reply, services }) => {
      const secret = secretOf(services.config, 'genericWebhookSecret', 'generic');
      if (
        !signatureMatches(secret, request.rawBody ?? Buffer.alloc(0), header(request, 'x-tollgate-signature'))
      )
        refuse(request, services, 'generic');
      rawText(request);
      const deliveryId = header(request, 'x-tollgate-delivery');
      if (!deliveryId || deliveryId.length > 200) {
        throw new TollgateError(
          'WEBHOOK_NO_DELIVERY_ID',
          'Send X-Tollgate-Delivery with a unique id per delivery (at most 200 characters).',
          'usage',
        );
      }
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
      const alone = () => handleGenericDelivery(stores, actor, { deliveryId, event, text: '' }, deployment);
      const result = deployment
        ? await recordInBatch(stores, actor, deliveryId, deployment, alone)
        : await alone();
      if (result.status === 'ignored') reply.status(202);
      return finish(services, request, 'generic', result);
    },
  }),
];

const batchers = new WeakMap<Stores, WebhookDeliveryBatcher>();

/**
 * A generic deployment delivery is checked and priced here, outside any transaction (the
 * catalogue, policy and rate card come from memory when the stores cache them), then written
 * with the deliveries that arrive at the same time (see WebhookDeliveryBatcher); the answer
 * waits until its own batch has committed. A delivery that does not pass the checks is
 * processed alone, as before: a replay of one already recorded is still acknowledged, and
 * anything else is refused with the reason, nothing recorded.
 */
async function recordInBatch(
  stores: Stores,
  actor: Actor,
  deliveryId: string,
  deployment: DeploymentInput,
  alone: () => Promise<WebhookResult>,
): Promise<WebhookResult> {
  let prepared: PreparedDeployment;
  try {
    prepared = await prepareDeployment(
      stores,
      { ...deployment, deliveryKey: `generic:${deliveryId}` },
      actor.name,
    );
  } catch {
    return alone();
  }
  let batcher = batchers.get(stores);
  if (!batcher) {
    batcher = new WebhookDeliveryBatcher(stores);
    batchers.set(stores, batcher);
  }
  return batcher.append({
    provider: 'generic',
    deliveryId,
    event: 'deployment',
    actor,
    deployment: prepared,
    alone,
  });
}

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

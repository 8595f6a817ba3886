import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { gitHubAppTokensFor } from '../adapters/github/github-app-settings.js';
import type { Actor } from '../app/audit/record-audit.js';
import type { AnswerGitHub, WebhookResult } from '../app/governance/deployments/handle-webhooks.js';
import type { ServerConfig } from '../config/tollgate-config.js';
import { AccessError } from '../core/access/access-error.js';
import { TollgateError } from '../core/errors.js';
import type { ApiServices } from './api-services.js';
import { BAD_JSON } from './webhook-body.js';

/** What every webhook route does around its provider's handler: secrets, signatures, bodies, metrics. */
type SecretName =
  | 'githubWebhookSecret'
  | 'gitlabWebhookSecret'
  | 'argocdWebhookSecret'
  | 'genericWebhookSecret';

export function secretOf(config: ServerConfig, name: SecretName, provider: string): string {
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

export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** A bad signature is logged (without the body or any secret) and refused; nothing is recorded. */
export function refuseDelivery(request: FastifyRequest, services: ApiServices, provider: string): never {
  services.metrics.webhookDeliveries.inc({ provider, outcome: 'bad-signature' });
  request.log.warn({ provider, address: request.ip }, 'webhook refused: bad signature');
  throw new AccessError(
    'WEBHOOK_BAD_SIGNATURE',
    `The ${provider} delivery is not signed with the configured secret; nothing was recorded.`,
    401,
  );
}

/** A delivery without a timestamp, or one outside the window, is refused before its signature is trusted. */
export function refuseStaleDelivery(
  request: FastifyRequest,
  services: ApiServices,
  refusal: 'no-timestamp' | 'stale',
  toleranceSeconds: number,
): never {
  services.metrics.webhookDeliveries.inc({ provider: 'generic', outcome: 'stale' });
  request.log.warn({ provider: 'generic', address: request.ip, refusal }, 'webhook refused: timestamp');
  throw new AccessError(
    'WEBHOOK_BAD_TIMESTAMP',
    refusal === 'no-timestamp'
      ? 'Send X-Tollgate-Timestamp with the Unix time in seconds, and sign "<timestamp>.<delivery id>.<body>"; nothing was recorded.'
      : `X-Tollgate-Timestamp is more than ${toleranceSeconds} s from the server's clock; sign each delivery when it is sent (check the sender's clock). Nothing was recorded.`,
    401,
  );
}

export function rawText(request: FastifyRequest): string {
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
export function bodyDigest(request: FastifyRequest): string {
  return `sha256:${createHash('sha256')
    .update(request.rawBody ?? '')
    .digest('hex')
    .slice(0, 40)}`;
}

export function webhookActor(provider: string, request: FastifyRequest): Actor {
  return { name: `webhook:${provider}`, tokenId: null, address: request.ip };
}

export function finishDelivery(
  services: ApiServices,
  request: FastifyRequest,
  provider: string,
  result: WebhookResult,
) {
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

/**
 * Answers GitHub through the configured API base, never a host named in the payload, with the
 * GitHub App's installation token (renewed before it expires, and once more when GitHub refuses
 * it) or else the fixed TOLLGATE_GITHUB_TOKEN.
 */
export function gitHubAnswerer(config: ServerConfig): AnswerGitHub {
  return async (answer) => {
    const base = config.githubApiUrl.replace(/\/+$/, '');
    const appTokens = gitHubAppTokensFor(config);
    const post = (bearer: string | undefined) =>
      fetch(`${base}/repos/${answer.repository}/actions/runs/${answer.runId}/deployment_protection_rule`, {
        method: 'POST',
        headers: {
          accept: 'application/vnd.github+json',
          'content-type': 'application/json',
          'x-github-api-version': '2022-11-28',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        body: JSON.stringify({
          environment_name: answer.environment,
          state: answer.state,
          comment: answer.comment.slice(0, 1024),
        }),
        signal: AbortSignal.timeout(10_000),
      });
    let response = await post(appTokens ? await appTokens.token() : config.githubToken);
    if (response.status === 401 && appTokens) response = await post(await appTokens.renew());
    if (!response.ok) throw new Error(`GitHub answered ${response.status}`);
  };
}

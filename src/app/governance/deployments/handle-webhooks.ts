import { isTollgateError, TollgateError } from '../../../core/errors.js';
import { renderGateMarkdown } from '../../../core/governance/gate/render-gate-markdown.js';
import type { Stores } from '../../../ports/stores.js';
import { type Actor, recordAudit } from '../../audit/record-audit.js';
import { gateDeployment } from '../gate/gate-deployment.js';
import { type BodyGuard, claimDeliveryBody } from './claim-delivery-body.js';
import { type ImportFormat, importDeployment, recordDeployment } from './record-deployments.js';

export type WebhookProvider = 'github' | 'gitlab' | 'argocd' | 'generic';

export interface WebhookResult {
  status: 'processed' | 'duplicate' | 'ignored';
  deliveryId: string;
  event: string;
  outcome: string;
  detail?: unknown;
}

/** How Tollgate answers a GitHub deployment protection rule (sent after the decision is committed). */
export type AnswerGitHub = (answer: {
  repository: string;
  runId: string;
  environment: string;
  state: 'approved' | 'rejected';
  comment: string;
}) => Promise<void>;

interface Delivery {
  provider: WebhookProvider;
  deliveryId: string;
  event: string;
  text: string;
  /** A signed body claimed with the delivery, so the same body under another id is a replay. */
  bodyGuard?: BodyGuard;
}

/**
 * Acts on one delivery at most once.
 * 1. In one transaction: look the delivery up (a replay is acknowledged as a duplicate and
 *    nothing else happens), act on it, store the delivery and its audit entry.
 * 2. A failure rolls all of it back, so the sender's retry is processed afresh.
 */
async function processOnce(
  stores: Stores,
  actor: Actor,
  delivery: Delivery,
  work: () => Promise<{ outcome: string; detail: unknown }>,
): Promise<WebhookResult> {
  return stores.transaction(async () => {
    const seen = await stores.access.deliveries.getDelivery(delivery.provider, delivery.deliveryId);
    const base = { deliveryId: delivery.deliveryId, event: delivery.event };
    if (seen && seen.outcome !== 'answer-failed')
      return { ...base, status: 'duplicate' as const, outcome: seen.outcome };
    await claimDeliveryBody(stores, delivery.bodyGuard);
    const { outcome, detail } = await work();
    await stores.access.deliveries.saveDelivery({
      provider: delivery.provider,
      deliveryId: delivery.deliveryId,
      event: delivery.event,
      receivedAt: new Date().toISOString(),
      outcome,
      detail,
    });
    await recordAudit(stores, actor, {
      action: `webhooks.${delivery.provider}.${delivery.event}`,
      target: `delivery:${delivery.provider}:${delivery.deliveryId}`,
      after: { outcome, detail },
    });
    return { ...base, status: 'processed' as const, outcome, detail };
  });
}

/** Records the deployment an event describes; an event that is not a finished deployment is skipped. */
function importWork(stores: Stores, format: ImportFormat, delivery: Delivery, actor: Actor) {
  return async () => {
    try {
      const result = await importDeployment(
        stores,
        format,
        delivery.text,
        { changeType: 'normal' },
        actor.name,
      );
      if ('skipped' in result) return { outcome: 'skipped', detail: { reason: result.skipped } };
      return {
        outcome: 'recorded',
        detail: { deploymentId: result.deployment.id, cost: result.deployment.cost },
      };
    } catch (error) {
      if (isTollgateError(error) && error.code === 'DEPLOYMENT_DUPLICATE')
        return { outcome: 'duplicate', detail: { message: error.message } };
      throw error;
    }
  };
}

function ignored(delivery: Delivery, reason: string): WebhookResult {
  return {
    status: 'ignored',
    deliveryId: delivery.deliveryId,
    event: delivery.event,
    outcome: 'ignored',
    detail: { reason },
  };
}

const CALLBACK_RUN = /\/actions\/runs\/(\d+)\/deployment_protection_rule$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

interface ProtectionRuleEvent {
  environment?: unknown;
  deployment_callback_url?: unknown;
  deployment?: { sha?: unknown; ref?: unknown; payload?: unknown } | null;
  repository?: { name?: unknown; full_name?: unknown };
}

function payloadService(payload: unknown): string | undefined {
  let parsed = payload;
  if (typeof payload === 'string') {
    try {
      parsed = JSON.parse(payload);
    } catch {
      return undefined;
    }
  }
  const service = (parsed as { tollgate?: { service?: unknown } } | undefined)?.tollgate?.service;
  return typeof service === 'string' ? service : undefined;
}

function malformedRule(why: string): TollgateError {
  return new TollgateError(
    'WEBHOOK_MALFORMED',
    `The deployment_protection_rule event is not what Tollgate reads: ${why}. Nothing was recorded.`,
  );
}

/**
 * A GitHub deployment protection rule: run the gate for the repository's service (or the
 * deployment payload's tollgate.service) and environment, then approve or reject the run with
 * the reasons as the comment. A gate that cannot decide (unknown service, no policy) rejects:
 * the rule fails closed.
 */
async function decideProtectionRule(stores: Stores, actor: Actor, delivery: Delivery, answer: AnswerGitHub) {
  const event = JSON.parse(delivery.text) as ProtectionRuleEvent;
  const callback = typeof event.deployment_callback_url === 'string' ? event.deployment_callback_url : '';
  const runId = CALLBACK_RUN.exec(callback)?.[1];
  const repository = event.repository?.full_name;
  const environment = event.environment;
  if (!runId) throw malformedRule('deployment_callback_url does not name a workflow run');
  if (typeof repository !== 'string' || !REPOSITORY.test(repository))
    throw malformedRule('repository.full_name is missing');
  if (typeof environment !== 'string' || environment === '') throw malformedRule('environment is missing');
  const service = payloadService(event.deployment?.payload) ?? (event.repository?.name as string);
  const version = typeof event.deployment?.sha === 'string' ? event.deployment.sha : undefined;
  let state = 'rejected' as 'approved' | 'rejected';
  let comment: string;
  const result = await processOnce(stores, actor, delivery, async () => {
    try {
      const decision = await gateDeployment(stores, { service, environment, version, actor: actor.name });
      state = decision.decision === 'allow' ? 'approved' : 'rejected';
      comment = renderGateMarkdown(decision);
      return { outcome: decision.decision, detail: { service, environment, reasons: decision.reasons } };
    } catch (error) {
      if (!isTollgateError(error) || error.kind === 'internal') throw error;
      comment = `Tollgate could not decide, so this deployment is rejected: [${error.code}] ${error.message}`;
      return {
        outcome: 'deny',
        detail: { service, environment, error: { code: error.code, message: error.message } },
      };
    }
  });
  if (result.status === 'duplicate') return result;
  try {
    await answer({ repository, runId, environment, state, comment: comment! });
  } catch (error) {
    await stores.access.deliveries.saveDelivery({
      provider: 'github',
      deliveryId: delivery.deliveryId,
      event: delivery.event,
      receivedAt: new Date().toISOString(),
      outcome: 'answer-failed',
      detail: { state, error: error instanceof Error ? error.message : String(error) },
    });
    throw new TollgateError(
      'WEBHOOK_ANSWER_FAILED',
      `The gate decided (${state}) but GitHub did not accept the answer; redeliver the event to try again.`,
      'unavailable',
    );
  }
  return { ...result, outcome: state === 'approved' ? 'allow' : 'deny' };
}

export async function handleGitHubDelivery(
  stores: Stores,
  actor: Actor,
  delivery: Omit<Delivery, 'provider'>,
  answer: AnswerGitHub,
): Promise<WebhookResult> {
  const full: Delivery = { ...delivery, provider: 'github' };
  if (delivery.event === 'deployment_status')
    return processOnce(stores, actor, full, importWork(stores, 'github', full, actor));
  if (delivery.event === 'deployment_protection_rule')
    return decideProtectionRule(stores, actor, full, answer);
  return ignored(
    full,
    `GitHub event '${delivery.event}' is not one Tollgate acts on (deployment_status, deployment_protection_rule)`,
  );
}

export async function handleGitLabDelivery(
  stores: Stores,
  actor: Actor,
  delivery: Omit<Delivery, 'provider'>,
) {
  const full: Delivery = { ...delivery, provider: 'gitlab' };
  if (delivery.event !== 'Deployment Hook') {
    return ignored(full, `GitLab event '${delivery.event}' is not one Tollgate acts on (Deployment Hook)`);
  }
  return processOnce(stores, actor, full, importWork(stores, 'gitlab', full, actor));
}

export async function handleArgoCdDelivery(
  stores: Stores,
  actor: Actor,
  delivery: Omit<Delivery, 'provider'>,
) {
  const full: Delivery = { ...delivery, provider: 'argocd' };
  return processOnce(stores, actor, full, importWork(stores, 'argocd', full, actor));
}

/** The generic webhook carries a Tollgate deployment as JSON (the body of POST /api/v1/deployments). */
export async function handleGenericDelivery(
  stores: Stores,
  actor: Actor,
  delivery: Omit<Delivery, 'provider'>,
  deployment: Parameters<typeof recordDeployment>[1] | undefined,
) {
  const full: Delivery = { ...delivery, provider: 'generic' };
  if (delivery.event !== 'deployment' || deployment === undefined) {
    return ignored(full, `event '${delivery.event}' is not one Tollgate acts on (deployment)`);
  }
  return processOnce(stores, actor, full, async () => {
    try {
      const recorded = await recordDeployment(
        stores,
        { ...deployment, deliveryKey: `generic:${delivery.deliveryId}` },
        actor.name,
      );
      return {
        outcome: 'recorded',
        detail: { deploymentId: recorded.deployment.id, cost: recorded.deployment.cost },
      };
    } catch (error) {
      if (isTollgateError(error) && error.code === 'DEPLOYMENT_DUPLICATE')
        return { outcome: 'duplicate', detail: { message: error.message } };
      throw error;
    }
  });
}

import { isTollgateError, TollgateError } from '../../../core/errors.js';
import { type FieldLabels, labelOf } from '../../../core/field-labels.js';
import {
  findService,
  findServiceEnvironment,
} from '../../../core/governance/deployments/deployment-record.js';
import { decideDeployment, type GateDecision } from '../../../core/governance/gate/decide-deployment.js';
import {
  type ChangeType,
  isChangeType,
  isIsoTimestamp,
  normaliseTimestamp,
} from '../../../core/governance/governance-types.js';
import { Decimal, isDecimalText } from '../../../core/money.js';
import type { GovernanceDecision } from '../../../ports/governance-store.js';
import type { Stores } from '../../../ports/stores.js';
import { queueGateDenial } from '../../notices/queue-gate-denial.js';
import { requireChange } from '../changes/manage-changes.js';
import { loadCatalog, nowOr, requirePolicy } from '../governance-context.js';
import { requireRelease } from '../releases/manage-releases.js';
import { measureReleaseSpendAsOf } from '../releases/release-spend-as-of.js';
import { assessRiskFromHistory } from '../risk/assess-change-risk.js';

export interface GateRequest {
  service: string;
  environment: string;
  releaseId?: string | undefined;
  version?: string | undefined;
  changeType?: string | undefined;
  estimate?: string | undefined;
  changeId?: string | undefined;
  at?: string | undefined;
  actor: string;
}

/** The request fields whose values the gate checks itself, as the caller names them. */
export type GateFieldLabels = FieldLabels<'changeType' | 'estimate' | 'at'>;

function usage(message: string, code = 'GATE_USAGE'): TollgateError {
  return new TollgateError(code, message, 'usage');
}

/** A gate decision and the decision-log entry (with every input) that records it. */
export interface GateOutcome {
  decision: GateDecision;
  record: Omit<GovernanceDecision, 'seq' | 'at'>;
}

/**
 * Gathers the facts, asks the core gate, and appends the decision with all its inputs to the
 * decision log, in one transaction; a denial is queued for the service's owners' channels.
 */
export async function gateDeployment(
  stores: Stores,
  request: GateRequest,
  labels: GateFieldLabels = {},
): Promise<GateDecision> {
  const { decision, record } = await decideGateRequest(stores, request, labels);
  await stores.transaction(async () => {
    await stores.governance.decisions.appendDecision(record);
    await queueGateDenial(stores, decision, request.actor);
  });
  return decision;
}

/**
 * Gathers the facts (catalogue, policy, release budget and spend, change request and its
 * approvals, freezes, break-glass) and asks the core gate; the caller appends the record
 * (alone, as gateDeployment does, or in a batch with others, as the API server does).
 */
export async function decideGateRequest(
  stores: Stores,
  request: GateRequest,
  labels: GateFieldLabels = {},
): Promise<GateOutcome> {
  if (request.changeType !== undefined && !isChangeType(request.changeType)) {
    throw usage(
      `${labelOf(labels, 'changeType')} '${request.changeType}' is not one of standard, normal, emergency.`,
    );
  }
  if (
    request.estimate !== undefined &&
    (!isDecimalText(request.estimate) || new Decimal(request.estimate).isNegative())
  ) {
    throw usage(
      `${labelOf(labels, 'estimate')} '${request.estimate}' is not a non-negative amount such as 1200.`,
    );
  }
  if (request.at !== undefined && !isIsoTimestamp(request.at))
    throw usage(`${labelOf(labels, 'at')} '${request.at}' is not an ISO-8601 time.`);
  const catalog = await loadCatalog(stores);
  let service: ReturnType<typeof findService>;
  let environment: ReturnType<typeof findServiceEnvironment>;
  try {
    service = findService(catalog, request.service);
    environment = findServiceEnvironment(catalog, service, request.environment);
  } catch (error) {
    if (isTollgateError(error)) throw usage(error.message, error.code);
    throw error;
  }
  const policy = await requirePolicy(stores);
  const release =
    request.releaseId === undefined ? undefined : await requireRelease(stores, request.releaseId);
  if (release && !release.services.includes(service.id)) {
    throw usage(
      `Release ${release.id} covers ${release.services.join(', ')}, not ${service.id}.`,
      'RELEASE_SERVICE_MISMATCH',
    );
  }
  let change = request.changeId === undefined ? undefined : await requireChange(stores, request.changeId);
  if (!change) {
    const candidates = await stores.governance.changes.listChanges({
      service: service.id,
      environment: environment.id,
      status: 'open',
      releaseId: request.releaseId,
    });
    change = candidates
      .filter(
        (candidate) =>
          request.version === undefined ||
          candidate.version === undefined ||
          candidate.version === request.version,
      )
      .at(-1);
  }
  const changeType = (request.changeType as ChangeType | undefined) ?? change?.changeType ?? 'normal';
  const at = request.at === undefined ? nowOr(undefined) : normaliseTimestamp(request.at);
  // The spend as of the decision's time: a replayed ask must not count what came after it.
  const spend = release ? await measureReleaseSpendAsOf(stores, release, at) : undefined;
  const model = policy.policy.changeModels[changeType];
  // History is read only where the policy asks for risk, so the plain gate stays one lookup.
  const risk =
    model.riskPreApproval === undefined
      ? undefined
      : await assessRiskFromHistory(stores, catalog, policy.policy, {
          at,
          service,
          estimatedCost: request.estimate ?? change?.estimatedCost ?? '0',
          currency: release?.currency ?? policy.policy.currency,
          changeId: change?.id,
          model,
        });
  const input = {
    at,
    service,
    environment,
    changeType,
    version: request.version,
    estimatedCost: request.estimate,
    policy: policy.policy,
    release: release && {
      id: release.id,
      status: release.status,
      currency: release.currency,
      budget: release.budget,
      spent: spend!.spent,
      spentAsOf: spend!.asOf,
      spendClass: release.spendClass,
    },
    change,
    approvals: change ? await stores.governance.changes.listApprovals(change.id) : [],
    freezes: await stores.governance.changes.listFreezes(),
    breakGlass: await stores.governance.changes.listBreakGlass(),
    risk,
  };
  const decision = decideDeployment(input);
  return {
    decision,
    record: {
      kind: 'gate',
      subject: `${service.id}/${environment.id}`,
      actor: request.actor,
      decision: decision.decision,
      inputs: {
        ...input,
        policy: { version: policy.version, stated: policy.policy.version },
        releaseSpend: spend ?? null,
      },
      result: decision,
    },
  };
}

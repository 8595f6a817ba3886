import { TollgateError } from '../../../core/errors.js';
import { estimateRelease } from '../../../core/governance/releases/release-estimate.js';
import type { ReleaseBaseline } from '../../../core/governance/releases/release-model.js';
import type { Stores } from '../../../ports/stores.js';
import { type Actor, recordAudit } from '../../audit/record-audit.js';
import { nowOr, requireRateCard } from '../governance-context.js';
import { releaseSchema, requireRelease } from './manage-releases.js';

const estimateSchema = releaseSchema.shape.estimate;

export interface RebaselineInput {
  releaseId: string;
  /** The new estimate: the same shape as a release document's `estimate`. */
  estimate: unknown;
  reason: string;
  at?: string | undefined;
}

/**
 * Re-baselines an open release: its new estimate becomes the next version, with the reason, in
 * the decision log and the audit log. The original estimate (version 1) and every earlier
 * re-baseline are kept, and the actuals report shows the variance against each.
 */
export async function rebaselineRelease(
  stores: Stores,
  input: RebaselineInput,
  actor: Actor,
  where = 'estimate',
): Promise<ReleaseBaseline> {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > 2000) {
    throw new TollgateError(
      'REBASELINE_NO_REASON',
      'Say why the release is re-baselined (a reason of 1 to 2000 characters); nothing was changed.',
      'usage',
    );
  }
  const parsed = estimateSchema.safeParse(input.estimate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TollgateError(
      'RELEASE_INVALID',
      `${where}: ${issue.path.join('.') || '(top)'}: ${issue.message}. Nothing was changed.`,
      'usage',
    );
  }
  return stores.transaction(async () => {
    const release = await requireRelease(stores, input.releaseId);
    if (release.status === 'closed') {
      throw new TollgateError(
        'RELEASE_CLOSED',
        `Release ${release.id} is closed; its estimate is final. Re-baseline an open release.`,
        'conflict',
      );
    }
    const createdAt = nowOr(input.at);
    const card = await requireRateCard(stores);
    // Priced before it is stored: every role and environment class must be known.
    const priced = estimateRelease(parsed.data, card.card, createdAt, release.currency);
    const earlier = await stores.governance.releases.listBaselines(release.id);
    const baseline: ReleaseBaseline = {
      releaseId: release.id,
      version: (earlier.at(-1)?.version ?? 1) + 1,
      estimate: parsed.data,
      total: priced.total,
      reason,
      createdAt,
      createdBy: actor.name,
    };
    await stores.governance.releases.insertBaseline(baseline);
    await stores.governance.decisions.appendDecision({
      kind: 'release.rebaseline',
      subject: `release:${release.id}`,
      actor: actor.name,
      decision: `baseline ${baseline.version}`,
      inputs: { estimate: parsed.data, reason },
      result: { version: baseline.version, total: priced.total },
    });
    await recordAudit(stores, actor, {
      action: 'releases.rebaseline',
      target: `release:${release.id}`,
      before: { version: baseline.version - 1 },
      after: baseline,
    });
    return baseline;
  });
}

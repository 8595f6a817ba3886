/** A deployment that may explain an anomaly, and the moved cost that ties it to the anomaly. */
export interface SuspectDeployment {
  id: string;
  service: string;
  version: string;
  environment: string;
  finishedAt: string;
  outcome: string;
  /** The scope or contributor that names this deployment's service or its owner team. */
  matchedBy: string;
  /** That contributor's change over the anomaly (the anomaly's impact for a scope match). */
  change: string;
}

export interface CandidateDeployment {
  id: string;
  service: string;
  /** The catalogue team that owns the service, when the catalogue knows it. */
  ownerTeam: string | undefined;
  version: string;
  environment: string;
  finishedAt: string;
  outcome: string;
}

/** Something whose cost moved: a contributor, or the anomaly's own scope. */
export interface CostMover {
  dimension: string;
  value: string | null;
  change: string;
}

/** Most suspects listed for one anomaly: beyond five, a list stops helping the on-call engineer. */
export const MAX_SUSPECTS = 5;

/** Dimensions whose values can name a service or a team (owners, tags, accounts, resources). */
const NAMING_DIMENSIONS = /^(catalog-service|team|billing-account|sub-account|resource|tag:.+)$/;

/**
 * True when `value` names `id`: equal, or `id` is a whole word of it (`payments` names the
 * account `payments-prod` and the resource `fn-payments-api`, not `mypayments`).
 */
function names(value: string, id: string): boolean {
  const text = value.toLowerCase();
  const wanted = id.toLowerCase();
  if (text === wanted) return true;
  const at = text.indexOf(wanted);
  if (at < 0) return false;
  const before = at === 0 ? '' : text[at - 1]!;
  const after = text[at + wanted.length] ?? '';
  return !/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after);
}

/**
 * Ranks the deployments that may explain an anomaly.
 * 1. Keep a deployment only when a cost mover names its service or the service's owner team, in
 *    a dimension that can name one (catalogue service, team, tag, account, resource): the
 *    anomaly's scope first, then its contributors in the anomaly's direction.
 * 2. Each deployment takes its strongest match (largest |change|).
 * 3. Rank by that change, then by how close to the anomaly's start it finished (later first);
 *    keep at most MAX_SUSPECTS.
 */
export function rankSuspectDeployments(
  candidates: readonly CandidateDeployment[],
  movers: readonly CostMover[],
): SuspectDeployment[] {
  const relevant = movers.filter(
    (m): m is CostMover & { value: string } => m.value !== null && NAMING_DIMENSIONS.test(m.dimension),
  );
  const suspects: (SuspectDeployment & { weight: number })[] = [];
  for (const deployment of candidates) {
    let best: { mover: CostMover; weight: number } | undefined;
    for (const mover of relevant) {
      const named =
        names(mover.value, deployment.service) ||
        (deployment.ownerTeam !== undefined && names(mover.value, deployment.ownerTeam));
      const weight = Math.abs(Number(mover.change));
      if (named && (!best || weight > best.weight)) best = { mover, weight };
    }
    if (!best) continue;
    const { ownerTeam: _, ...shown } = deployment;
    suspects.push({
      ...shown,
      matchedBy: `${best.mover.dimension}=${best.mover.value}`,
      change: best.mover.change,
      weight: best.weight,
    });
  }
  return suspects
    .sort(
      (a, b) => b.weight - a.weight || b.finishedAt.localeCompare(a.finishedAt) || a.id.localeCompare(b.id),
    )
    .slice(0, MAX_SUSPECTS)
    .map(({ weight: _, ...suspect }) => suspect);
}

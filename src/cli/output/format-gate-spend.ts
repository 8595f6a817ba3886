import type { GovernanceDecision } from '../../ports/governance-store.js';
import { formatAmount } from './format-amount.js';

/** What a gate entry's inputs say of the release's spend (decideGateRequest's record). */
interface GateSpendInputs {
  release?: { id: string; currency: string; spent: string } | null;
  releaseSpend?: { spent: string; asOf: string } | null;
}

/**
 * The release spend a gate decision counted and the moment it was measured at, for the
 * decision log's table: "" for other entries and for a gate asked with no release; an entry
 * logged before decisions kept their moment shows its spend alone.
 */
export function formatGateSpend(entry: Pick<GovernanceDecision, 'kind' | 'inputs'>): string {
  if (entry.kind !== 'gate') return '';
  const { release, releaseSpend } = (entry.inputs ?? {}) as GateSpendInputs;
  if (!release) return '';
  const spent = `${release.id} ${formatAmount(releaseSpend?.spent ?? release.spent)} ${release.currency}`;
  return releaseSpend ? `${spent} as of ${releaseSpend.asOf.slice(0, 16).replace('T', ' ')} UTC` : spent;
}

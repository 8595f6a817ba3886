/**
 * The currency a change's estimate is in: its release's, else the governance policy's (as the
 * gate reads it, src/core/governance/gate/decide-deployment.ts), or null when neither is known.
 */
export function estimateCurrency(
  change: { releaseId?: string | null | undefined },
  releaseCurrencies: ReadonlyMap<string, string>,
  policyCurrency: string | null,
): string | null {
  const ofRelease = change.releaseId ? releaseCurrencies.get(change.releaseId) : undefined;
  return ofRelease ?? policyCurrency;
}

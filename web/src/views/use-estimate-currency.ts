import { useMemo } from 'react';
import type { ApiAnswer, ReleaseRow } from '../api-types';
import { useApi } from '../use-api';
import { estimateCurrency } from './approvals-currency';

/**
 * Each change's estimate currency, read from the releases and the current policy: undefined
 * while either is still loading (a release's currency may differ from the policy's, so neither
 * alone may be shown), null when neither names one.
 */
export function useEstimateCurrency(): (change: {
  releaseId?: string | null | undefined;
}) => string | null | undefined {
  const releases = useApi<ReleaseRow[]>('/api/v1/releases');
  // No policy applied yet (404) leaves only the releases' currencies.
  const policy = useApi<ApiAnswer<'getPolicy'>>('/api/v1/changes/policy');
  return useMemo(() => {
    if (releases.status === 'loading' || policy.status === 'loading') return () => undefined;
    const currencies = new Map(
      releases.status === 'ready' ? releases.data.map((release) => [release.id, release.currency]) : [],
    );
    const fallback = policy.status === 'ready' ? policy.data.policy.currency : null;
    return (change) => estimateCurrency(change, currencies, fallback);
  }, [releases, policy]);
}

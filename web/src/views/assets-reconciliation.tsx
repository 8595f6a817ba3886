import { useState } from 'react';
import { type ApiError, fetchJson } from '../api-client';
import type { ApiAnswer } from '../api-types';
import { ErrorMessage, Loading } from '../components/status';
import { asApiError } from '../query-client';

type Reconciliation = ApiAnswer<'reconcileAssets'>;

/** The register against the resources billing lines name: matched, not seen, seen but not registered. */
export function AssetReconciliation() {
  const [state, setState] = useState<
    | { status: 'idle' }
    | { status: 'running' }
    | { status: 'done'; report: Reconciliation }
    | { status: 'error'; error: ApiError }
  >({ status: 'idle' });
  async function run() {
    setState({ status: 'running' });
    try {
      const report = await fetchJson<Reconciliation>('/api/v1/assets/reconciliation', {
        method: 'POST',
        body: {},
      });
      setState({ status: 'done', report });
    } catch (error) {
      setState({ status: 'error', error: asApiError(error) });
    }
  }
  return (
    <section aria-label="Reconciliation" className="card">
      <p>
        Sets the register against the resource ids of every billing line (a discovery file can be added with
        tollgate assets reconcile --discovery). Changes nothing.
      </p>
      <button
        type="button"
        className="primary"
        onClick={() => void run()}
        disabled={state.status === 'running'}
      >
        Reconcile with billing
      </button>
      {state.status === 'running' ? <Loading what="Reconciling" /> : null}
      {state.status === 'error' ? <ErrorMessage error={state.error} title="Could not reconcile" /> : null}
      {state.status === 'done' ? (
        <div data-testid="reconciliation" role="status">
          <p>
            <strong>{state.report.counts.assets}</strong> assets: {state.report.counts.matched} matched,{' '}
            {state.report.counts.notSeen} in the register but not seen, {state.report.counts.notInRegister}{' '}
            seen in billing but not in the register.
          </p>
          {state.report.notSeen.length > 0 ? (
            <details>
              <summary>Not seen ({state.report.notSeen.length})</summary>
              <p>{state.report.notSeen.join(', ')}</p>
            </details>
          ) : null}
          {state.report.notInRegister.length > 0 ? (
            <details>
              <summary>Not in the register ({state.report.notInRegister.length})</summary>
              <ul className="plain">
                {state.report.notInRegister.slice(0, 200).map((item) => (
                  <li key={`${item.source}:${item.resourceId ?? item.hostname ?? item.serial}`}>
                    {item.resourceId ?? item.hostname ?? item.serial} ({item.source})
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

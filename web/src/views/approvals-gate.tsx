import { useEffect, useState } from 'react';
import { type ApiError, fetchJson } from '../api-client';
import type { ChangeDetail, GateDecision, Me } from '../api-types';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { asApiError } from '../query-client';
import { formatLocalTime } from '../time-text';
import { useUrlState } from '../url-state';

/**
 * What the gate would answer for this change, asked as a dry run (POST /api/v1/gate/preview):
 * reading a change writes nothing to the decision log or the audit log. "Deploy at" lets an
 * approver ask about a time inside the deployment window.
 */
export function GatePanel({
  me,
  detail,
  onAnswer,
}: {
  me: Me;
  detail: ChangeDetail;
  onAnswer: (decision: GateDecision | null) => void;
}) {
  const [at, setAt] = useUrlState('at', '');
  const [state, setState] = useState<
    { status: 'loading' } | { status: 'ready'; data: GateDecision } | { status: 'error'; error: ApiError }
  >({
    status: 'loading',
  });
  const allowed = me.permissions.includes('governance:read');
  const { change } = detail;
  const atIso = at ? `${at.length === 16 ? `${at}:00` : at}Z` : undefined;

  useEffect(() => {
    if (!allowed) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchJson<GateDecision>('/api/v1/gate/preview', {
      method: 'POST',
      signal: controller.signal,
      body: {
        service: change.service,
        environment: change.environment,
        changeId: change.id,
        ...(change.releaseId ? { releaseId: change.releaseId } : {}),
        ...(change.version ? { version: change.version } : {}),
        ...(atIso ? { at: atIso } : {}),
      },
    }).then(
      (data) => {
        if (controller.signal.aborted) return;
        setState({ status: 'ready', data });
        onAnswer(data);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', error: asApiError(error) });
        onAnswer(null);
      },
    );
    return () => controller.abort();
  }, [allowed, change, atIso, onAnswer]);

  return (
    <section aria-label="The gate's reasons" data-testid="gate-panel">
      <h3>What the gate says</h3>
      {!allowed ? (
        <Empty>Your role ({me.role}) may not read changes or the gate.</Empty>
      ) : (
        <>
          <label className="controls">
            <span>
              Deploy at (UTC; empty = now)
              <input
                type="datetime-local"
                value={at}
                onChange={(event) => setAt(event.target.value)}
                aria-label="Deploy at (UTC)"
              />
            </span>
          </label>
          <p className="muted">
            A preview: showing it records nothing. A deployment asks the gate itself, and that is logged.
          </p>
          {state.status === 'loading' ? <Loading what="Asking the gate" /> : null}
          {state.status === 'error' ? (
            <ErrorMessage error={state.error} title="The gate could not decide" />
          ) : null}
          {state.status === 'ready' ? <GateAnswer decision={state.data} /> : null}
        </>
      )}
    </section>
  );
}

export function GateAnswer({ decision }: { decision: GateDecision }) {
  return (
    <div data-testid="gate-answer" data-decision={decision.decision}>
      <p>
        <span className={decision.decision === 'allow' ? 'pill' : 'pill bad'}>
          {decision.decision === 'allow' ? 'Allowed' : 'Denied'}
        </span>{' '}
        <span className="muted">as of {formatLocalTime(decision.at)}</span>
      </p>
      <ul className="plain">
        {decision.reasons.map((reason) => (
          <li key={`${reason.check}:${reason.detail}`} className={reason.ok ? '' : 'bad'}>
            {reason.ok ? '✓' : '✗'} <strong>{reason.check}</strong>: {reason.detail}
          </li>
        ))}
      </ul>
      {decision.requiredApprovals && decision.requiredApprovals.length > 0 ? (
        <div className="table-scroll">
          <table>
            <caption>Approvals the policy asks for</caption>
            <thead>
              <tr>
                <th>Role</th>
                <th className="num">Needed</th>
                <th>Given by</th>
                <th className="num">Missing</th>
              </tr>
            </thead>
            <tbody>
              {decision.requiredApprovals.map((requirement) => (
                <tr key={requirement.role}>
                  <td>{requirement.role}</td>
                  <td className="num">
                    {requirement.quorum} of {requirement.eligible}
                  </td>
                  <td>{requirement.approvedBy.join(', ') || '–'}</td>
                  <td className={`num ${requirement.missing > 0 ? 'bad' : 'good'}`}>{requirement.missing}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

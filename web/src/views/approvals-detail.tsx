import { useEffect, useRef, useState } from 'react';
import { ApiError, fetchJson } from '../api-client';
import type { Me } from '../api-types';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { Decimal } from '../money-text';
import { useUrlState } from '../url-state';
import { useApi } from '../use-api';
import { DecideForm } from './approvals-decide-form';
import { remainingKinds, whyICannotDecide } from './approvals-scope';
import type { CatalogAnswer, ChangeDetail, GateDecision } from './approvals-types';
import type { ReleaseReport } from './releases-types';

const asApiError = (error: unknown) =>
  error instanceof ApiError
    ? error
    : new ApiError(0, 'CLIENT_ERROR', error instanceof Error ? error.message : String(error));

/** One change: what it is, why it should go, what it does to the budget, what the gate says, and my decision. */
export function ChangeDetailPanel({
  me,
  changeId,
  catalog,
  onClose,
  onDecided,
}: {
  me: Me;
  changeId: string;
  catalog: CatalogAnswer;
  onClose: () => void;
  onDecided: () => void;
}) {
  const detail = useApi<ChangeDetail>(`/api/v1/changes/${encodeURIComponent(changeId)}`, { fresh: true });
  const releaseId = detail.status === 'ready' ? (detail.data.change.releaseId ?? null) : null;
  const release = useApi<ReleaseReport>(
    releaseId ? `/api/v1/releases/${encodeURIComponent(releaseId)}` : null,
  );
  const [gate, setGate] = useState<GateDecision | null>(null);
  const panel = useRef<HTMLElement>(null);
  // On a phone the panel sits below the list: bring it into view when a change is picked.
  useEffect(() => {
    if (changeId && window.innerWidth < 760) panel.current?.scrollIntoView({ block: 'start' });
  }, [changeId]);

  return (
    <article ref={panel} className="card" aria-label={`Change ${changeId}`} data-testid="change-detail">
      <div className="view-header">
        <h2>Change {changeId}</h2>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      {detail.status === 'loading' ? <Loading what="Reading the change" /> : null}
      {detail.status === 'error' ? (
        <ErrorMessage error={detail.error} title="Could not read the change" />
      ) : null}
      {detail.status === 'ready' ? (
        <>
          <ChangeFacts detail={detail.data} catalog={catalog} />
          <CostBenefit detail={detail.data} release={release.status === 'ready' ? release.data : null} />
          <GatePanel me={me} detail={detail.data} onAnswer={setGate} />
          <ApprovalsSoFar detail={detail.data} />
          <DecisionArea me={me} detail={detail.data} gate={gate} onDecided={onDecided} />
        </>
      ) : null}
    </article>
  );
}

function ChangeFacts({ detail, catalog }: { detail: ChangeDetail; catalog: CatalogAnswer }) {
  const { change } = detail;
  const service = catalog.catalog.services.find((candidate) => candidate.id === change.service);
  return (
    <dl
      className="facts"
      style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.2rem 0.8rem' }}
    >
      <dt>Service</dt>
      <dd>
        {service?.name ?? change.service}{' '}
        <span className="muted">
          ({change.service}, team {service?.ownerTeam ?? '?'}, {service?.criticality ?? '?'})
        </span>
      </dd>
      <dt>Environment</dt>
      <dd>{change.environment}</dd>
      <dt>Type</dt>
      <dd>{change.changeType}</dd>
      <dt>Status</dt>
      <dd>
        <span className={change.status === 'rejected' ? 'pill bad' : 'pill'}>{change.status}</span>
      </dd>
      <dt>Release</dt>
      <dd>{change.releaseId ?? 'none'}</dd>
      <dt>Version</dt>
      <dd>{change.version ?? '–'}</dd>
      <dt>Requested by</dt>
      <dd>
        {change.requestedBy}{' '}
        <span className="muted">at {change.createdAt.slice(0, 16).replace('T', ' ')} UTC</span>
      </dd>
    </dl>
  );
}

/** Why it should go (estimate against cost of delay) and what it does to the release budget. */
function CostBenefit({ detail, release }: { detail: ChangeDetail; release: ReleaseReport | null }) {
  const { change } = detail;
  const currency = release?.release.currency ?? null;
  const remaining = release?.variance.budgetRemaining ?? null;
  const after = remaining === null ? null : new Decimal(remaining).minus(change.estimatedCost).toFixed();
  const delay = change.justification?.costOfDelayPerWeek ?? release?.release.costOfDelayPerWeek ?? null;
  return (
    <section aria-label="Cost-benefit and budget impact" data-testid="cost-benefit">
      <h3>Cost-benefit and budget impact</h3>
      <div className="table-scroll">
        <table>
          <tbody>
            <tr>
              <th scope="row">Estimated cost of this change</th>
              <td className="num">
                <Money amount={change.estimatedCost} currency={currency} />
              </td>
            </tr>
            {delay !== null ? (
              <tr>
                <th scope="row">Cost of delay per week{change.justification ? '' : ' (release)'}</th>
                <td className="num">
                  <Money amount={delay} currency={currency} />
                </td>
              </tr>
            ) : null}
            {change.justification ? (
              <>
                <tr>
                  <th scope="row">Expedite cost (out of cycle)</th>
                  <td className="num">
                    <Money amount={change.justification.expediteCost} currency={currency} />
                  </td>
                </tr>
                <tr>
                  <th scope="row">Justification</th>
                  <td>{change.justification.reason}</td>
                </tr>
              </>
            ) : null}
            {release ? (
              <>
                <tr>
                  <th scope="row">Release budget ({release.release.id})</th>
                  <td className="num">
                    <Money amount={release.variance.budget} currency={currency} />
                  </td>
                </tr>
                <tr>
                  <th scope="row">Spent so far</th>
                  <td className="num">
                    <Money amount={release.variance.actual} currency={currency} />
                  </td>
                </tr>
                <tr>
                  <th scope="row">Budget left after this change</th>
                  <td className={`num ${after !== null && new Decimal(after).isNegative() ? 'bad' : 'good'}`}>
                    <Money amount={after} currency={currency} />
                  </td>
                </tr>
              </>
            ) : null}
          </tbody>
        </table>
      </div>
      {!change.releaseId ? (
        <p className="muted">
          No release: the change model decides what the gate makes of a change without a budget.
        </p>
      ) : null}
    </section>
  );
}

/**
 * The gate, asked as me for this change (and recorded in the decision log, as every gate
 * question is). "Deploy at" lets an approver ask about a time inside the deployment window.
 */
function GatePanel({
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
  const allowed = me.permissions.includes('gate:decide');
  const { change } = detail;
  const atIso = at ? `${at.length === 16 ? `${at}:00` : at}Z` : undefined;

  useEffect(() => {
    if (!allowed) return;
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchJson<GateDecision>('/api/v1/gate', {
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
        <Empty>Your role ({me.role}) may not ask the gate; approvers, analysts and admins can.</Empty>
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
            Asked as you, like every gate question it is written to the decision log and the audit log.
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

function GateAnswer({ decision }: { decision: GateDecision }) {
  return (
    <div data-testid="gate-answer" data-decision={decision.decision}>
      <p>
        <span className={decision.decision === 'allow' ? 'pill' : 'pill bad'}>
          {decision.decision === 'allow' ? 'Allowed' : 'Denied'}
        </span>{' '}
        <span className="muted">as of {decision.at.slice(0, 16).replace('T', ' ')} UTC</span>
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

function ApprovalsSoFar({ detail }: { detail: ChangeDetail }) {
  return (
    <section aria-label="Decisions so far">
      <h3>Decisions so far</h3>
      {detail.approvals.length === 0 ? (
        <Empty>No one has decided yet.</Empty>
      ) : (
        <ul className="plain" data-testid="approvals-so-far">
          {detail.approvals.map((approval) => (
            <li key={`${approval.approver}:${approval.kind}`}>
              <strong>{approval.approver}</strong> ({approval.role}){' '}
              {approval.decision === 'approve' ? 'approved' : 'rejected'}
              {approval.kind === 'sign-off' ? ' (financial sign-off)' : ''}{' '}
              <span className="muted">{approval.at.slice(0, 16).replace('T', ' ')} UTC</span>
              {approval.comment ? <div className="muted">“{approval.comment}”</div> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DecisionArea({
  me,
  detail,
  gate,
  onDecided,
}: {
  me: Me;
  detail: ChangeDetail;
  gate: GateDecision | null;
  onDecided: () => void;
}) {
  const reason = whyICannotDecide(me, detail.change, detail.approvals);
  if (reason)
    return (
      <p className="muted" data-testid="cannot-decide">
        {reason}
      </p>
    );
  const missing = (gate?.requiredApprovals ?? []).filter((requirement) => requirement.missing > 0);
  return (
    <DecideForm
      change={detail.change}
      kinds={remainingKinds(detail.approvals, me)}
      missing={missing.map((requirement) => ({ role: requirement.role, count: requirement.missing }))}
      onDecided={onDecided}
    />
  );
}

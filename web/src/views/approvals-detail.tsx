import { useEffect, useRef, useState } from 'react';
import type {
  ApproverRolesAnswer,
  CatalogAnswer,
  ChangeDetail,
  GateDecision,
  Me,
  ReleaseReport,
} from '../api-types';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { formatLocalTime } from '../time-text';
import { useApi } from '../use-api';
import { CostBenefit } from './approvals-cost-benefit';
import { DecideForm } from './approvals-decide-form';
import { GatePanel } from './approvals-gate';
import { remainingKinds, whyICannotDecide } from './approvals-scope';

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
        {change.requestedBy} <span className="muted">at {formatLocalTime(change.createdAt)}</span>
      </dd>
    </dl>
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
              <span className="muted">{formatLocalTime(approval.at)}</span>
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
  const rolesAnswer = useApi<ApproverRolesAnswer>(
    me.permissions.includes('approvals:decide') ? '/api/v1/me/approver-roles' : null,
  );
  const reason = whyICannotDecide(me, detail.change, detail.approvals);
  if (reason)
    return (
      <p className="muted" data-testid="cannot-decide">
        {reason}
      </p>
    );
  if (rolesAnswer.status === 'loading') return <Loading what="Reading your approver roles" />;
  if (rolesAnswer.status === 'error')
    return <ErrorMessage error={rolesAnswer.error} title="Could not read your approver roles" />;
  const missing = (gate?.requiredApprovals ?? []).filter((requirement) => requirement.missing > 0);
  return (
    <DecideForm
      held={rolesAnswer.data.roles}
      change={detail.change}
      kinds={remainingKinds(detail.approvals, me)}
      missing={missing.map((requirement) => ({ role: requirement.role, count: requirement.missing }))}
      onDecided={onDecided}
    />
  );
}

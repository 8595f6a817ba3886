import { type FormEvent, useState } from 'react';
import { ApiError } from '../api-client';
import type { Change } from '../api-types';
import { ErrorMessage } from '../components/status';
import { sendChange } from '../query-client';
import { defaultRole, type HeldRoles, rolesHeldFor } from './approvals-queue-filter';

/**
 * Approve or reject as one of the policy roles, with a comment. The server checks that I hold
 * the role for this service, did not request the change and have not decided already; its
 * refusal is shown in its own words and nothing is recorded.
 */
export function DecideForm({
  held,
  change,
  kinds,
  missing,
  onDecided,
}: {
  /** The policy roles I hold (GET /api/v1/me/approver-roles): "As" offers only these. */
  held: HeldRoles;
  change: Change;
  kinds: ('approval' | 'sign-off')[];
  /** Roles the gate still waits for (from its answer), the first one suggested. */
  missing: { role: string; count: number }[];
  onDecided: () => void;
}) {
  const [kind, setKind] = useState<'approval' | 'sign-off'>(kinds[0] ?? 'approval');
  const mine = rolesHeldFor(held, change.service, kind);
  const [chosenRole, setRole] = useState<string | null>(null);
  // The role the change still needs, when I hold it; else the first I hold.
  const role = chosenRole !== null && mine.includes(chosenRole) ? chosenRole : defaultRole(mine, missing);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function decide(decision: 'approve' | 'reject', event?: FormEvent) {
    event?.preventDefault();
    setFailure(null);
    if (decision === 'reject' && comment.trim() === '') {
      setFailure(
        new ApiError(
          0,
          'REJECT_NEEDS_COMMENT',
          'Say in the comment why you reject the change, so the requester knows what to fix.',
        ),
      );
      return;
    }
    setBusy(true);
    try {
      await sendChange(`/api/v1/changes/${encodeURIComponent(change.id)}/decisions`, {
        method: 'POST',
        body: { decision, kind, role, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      });
      setDone(
        decision === 'approve' ? `You approved ${change.id} as ${role}.` : `You rejected ${change.id}.`,
      );
      onDecided();
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError(0, 'CLIENT_ERROR', String(error)));
    } finally {
      setBusy(false);
    }
  }

  if (role === null)
    return (
      <p className="muted" data-testid="cannot-decide">
        You hold no approver role for {change.service} in the governance policy
        {kind === 'sign-off' ? ' (a financial sign-off is the service owner’s)' : ''}, so you cannot decide on
        this change. The policy’s roles are changed with tollgate changes policy apply.
      </p>
    );
  if (done)
    return (
      <p className="good" role="status">
        {done}
      </p>
    );
  return (
    <form
      className="decide-form"
      aria-label="Your decision"
      onSubmit={(event) => void decide('approve', event)}
    >
      <h3>Your decision</h3>
      {missing.length > 0 ? (
        <p className="muted">
          The gate still needs: {missing.map((m) => `${m.role} (${m.count} more)`).join(', ')}.
        </p>
      ) : null}
      <div className="controls">
        <label>
          As
          <select name="role" value={role} onChange={(event) => setRole(event.target.value)}>
            {mine.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {kinds.length > 1 || kinds[0] === 'sign-off' ? (
          <label>
            Kind
            <select
              name="kind"
              value={kind}
              onChange={(event) => setKind(event.target.value as 'approval' | 'sign-off')}
            >
              {kinds.map((name) => (
                <option key={name} value={name}>
                  {name === 'sign-off' ? 'financial sign-off' : 'approval'}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <label style={{ display: 'block', marginTop: '0.5rem' }}>
        Comment (optional when approving)
        <textarea
          name="comment"
          rows={3}
          maxLength={2000}
          style={{ width: '100%' }}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          placeholder="What you checked, or why you reject it"
        />
      </label>
      {failure ? (
        <div style={{ whiteSpace: 'pre-wrap' }}>
          <ErrorMessage error={failure} title="Not recorded" />
        </div>
      ) : null}
      <div className="controls" style={{ marginTop: '0.5rem' }}>
        <button type="submit" className="primary" disabled={busy}>
          Approve
        </button>
        <button type="button" disabled={busy} onClick={() => void decide('reject')}>
          Reject
        </button>
      </div>
    </form>
  );
}

import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { formatDayRange, lastIncludedDay } from '../day-range-text';
import { formatLocalTime } from '../time-text';
import { useApi } from '../use-api';
import {
  BREACH_LABELS,
  type ConformanceAnswer,
  conformancePeriod,
  tallyCheck,
} from './on-call-conformance-model';

/**
 * Governance conformance on the on-call view: the period's production deployments checked
 * against the process (GET /api/v1/conformance), counted by finding, emergencies apart, and the
 * post-implementation reviews due and overdue, overdue ones listed with a link to the change.
 */
export function ConformancePanel({
  asOf,
  days,
  canRead,
}: {
  asOf: string | null;
  days: number;
  canRead: boolean;
}) {
  const period = asOf ? conformancePeriod(asOf, days) : null;
  // Live data is read "as of now"; a past year (the demo) as of the end of its last day.
  const past = asOf !== null && Date.now() - Date.parse(`${asOf}T00:00:00Z`) > 3 * 86_400_000;
  const answer = useApi<ConformanceAnswer>(canRead && period ? '/api/v1/conformance' : null, {
    query: { ...period, asOf: past && period ? `${period.to}T00:00:00Z` : undefined },
  });
  if (!canRead) return <Empty>Your role may not read the governance conformance report.</Empty>;
  if (answer.status === 'error') return <ErrorMessage error={answer.error} />;
  if (answer.status === 'loading') return <Loading what="Checking deployments against the process" />;
  const report = answer.data;
  const emergency = tallyCheck(report, 'emergency');
  return (
    <div data-testid="conformance-panel">
      <p className="section-note" data-testid="conformance-period">
        Deployments to {report.governedEnvironments.join(', ') || 'no production environment'} started{' '}
        {formatDayRange(report.from.slice(0, 10), lastIncludedDay(report.to))}
      </p>
      {report.deployments === 0 ? (
        <Empty>
          No production deployment started in this period: there is nothing to check, so no figures.
        </Empty>
      ) : (
        <>
          <p>
            <strong data-testid="conformance-breaches">{report.breaches}</strong> of{' '}
            <span data-testid="conformance-deployments">{report.deployments}</span> deployments broke the
            process; their modelled cost is <Money amount={report.breachCost} currency={report.currency} />.
          </p>
          <table data-testid="conformance-findings">
            <caption className="muted">Findings by kind (a deployment can have several)</caption>
            <thead>
              <tr>
                <th scope="col">Finding</th>
                <th scope="col" className="num">
                  Deployments
                </th>
                <th scope="col" className="num">
                  Modelled cost
                </th>
              </tr>
            </thead>
            <tbody>
              {BREACH_LABELS.map(([check, label]) => {
                const tally = tallyCheck(report, check);
                return (
                  <tr key={check} data-check={check} title={report.rules[check]}>
                    <th scope="row">{label}</th>
                    <td className="num">{tally.count}</td>
                    <td className="num">
                      <Money amount={tally.cost} currency={report.currency} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p data-testid="conformance-emergencies" data-count={emergency.count}>
            Emergency changes, listed apart for the CAB (not a breach by themselves):{' '}
            <strong>{emergency.count}</strong>, modelled cost{' '}
            <Money amount={emergency.cost} currency={report.currency} />.
          </p>
        </>
      )}
      <h3>Post-implementation reviews</h3>
      <ReviewsDue reviews={report.reviews} />
    </div>
  );
}

function ReviewsDue({ reviews }: { reviews: ConformanceAnswer['reviews'] }) {
  if (reviews.rule === null)
    return <Empty>The governance policy names no change that needs a post-implementation review.</Empty>;
  if (reviews.required === 0)
    return <Empty>No change implemented in this period needs a review under the policy.</Empty>;
  const overdue = reviews.open.filter((item) => item.state === 'overdue');
  return (
    <div data-testid="conformance-reviews">
      <p className="section-note">
        As of {formatLocalTime(reviews.asOf)}; a review is due {reviews.rule.withinDays} days after the change
        is implemented.
      </p>
      <ul className="plain">
        <li>
          Required: <strong data-testid="reviews-required">{reviews.required}</strong>, held:{' '}
          <strong data-testid="reviews-reviewed">{reviews.reviewed}</strong> (late:{' '}
          <span data-testid="reviews-late">{reviews.late}</span>)
        </li>
        <li>
          Still due: <strong data-testid="reviews-due">{reviews.due}</strong>, overdue:{' '}
          <strong data-testid="reviews-overdue" className={reviews.overdue > 0 ? 'bad' : undefined}>
            {reviews.overdue}
          </strong>
        </li>
      </ul>
      {overdue.length === 0 ? (
        <p className="muted">No review is overdue.</p>
      ) : (
        <table data-testid="reviews-overdue-list">
          <caption className="muted">Overdue reviews, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">Service</th>
              <th scope="col">Team</th>
              <th scope="col">Implemented</th>
              <th scope="col">Due</th>
              <th scope="col">Why it needs one</th>
            </tr>
          </thead>
          <tbody>
            {overdue.map((item) => (
              <tr key={item.changeId} data-change={item.changeId}>
                <th scope="row">
                  <a href={`?view=approvals&change=${encodeURIComponent(item.changeId)}`}>{item.changeId}</a>
                </th>
                <td>{item.service}</td>
                <td>{item.team}</td>
                <td>{formatLocalTime(item.implementedAt)}</td>
                <td>{formatLocalTime(item.dueAt)}</td>
                <td>{item.reasons.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

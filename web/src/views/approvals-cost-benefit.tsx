import type { ChangeDetail, ReleaseReport } from '../api-types';
import { Money } from '../components/money';
import { Decimal } from '../money-text';
import { useEstimateCurrency } from './use-estimate-currency';

/** Why it should go (estimate against cost of delay) and what it does to the release budget. */
export function CostBenefit({ detail, release }: { detail: ChangeDetail; release: ReleaseReport | null }) {
  const { change } = detail;
  const currencyOf = useEstimateCurrency();
  const currency = release?.release.currency ?? currencyOf(change);
  const remaining = release?.variance.budgetRemaining ?? null;
  const after = remaining === null ? null : new Decimal(remaining).minus(change.estimatedCost).toFixed();
  const delay = change.justification?.costOfDelayPerWeek ?? release?.release.costOfDelayPerWeek ?? null;
  // Until the estimate's currency is known, no amount is shown bare (nor in a guessed currency).
  if (currency === undefined)
    return (
      <section aria-label="Cost-benefit and budget impact" data-testid="cost-benefit">
        <h3>Cost-benefit and budget impact</h3>
        <p className="muted">Loading…</p>
      </section>
    );
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

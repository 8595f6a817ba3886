import type { BudgetDescription, BudgetStatusAnswer, KpiReport } from '../api-types';
import { Money } from '../components/money';
import { ErrorMessage, Loading } from '../components/status';
import { BudgetBar, Tile } from '../components/tile';
import { Decimal, formatMoneyText, percentOf } from '../money-text';
import { formatPercent } from '../percent-text';
import type { ApiState } from '../use-api';
import { costPerDeploymentByMonth, deploymentCurrencyNote } from './executive-model';

export function BudgetTile({
  label,
  testId,
  status,
  budget,
  budgets,
  canSeeBudgets,
  currency,
  actual,
  periodComplete,
  converted = false,
}: {
  label: string;
  testId: string;
  status: ApiState<BudgetStatusAnswer>;
  budget: BudgetDescription | undefined;
  budgets: ApiState<BudgetDescription[]>;
  canSeeBudgets: boolean;
  currency: string;
  /**
   * The page's own exact spend of the period through the last day with data: the only figure
   * the tile shows as its actual (see the note in BudgetTile).
   */
  actual: ApiState<string>;
  /** The last day with data closes the period: nothing is left to forecast. */
  periodComplete: boolean;
  /** Every billing currency converted into `currency` (see currency-choice.ts). */
  converted?: boolean;
}) {
  if (!canSeeBudgets || (budgets.status === 'ready' && !budget)) {
    return (
      <Tile
        label={label}
        testId={testId}
        value={<ActualValue actual={actual} currency={currency} />}
        sub={
          actual.status === 'error' ? (
            <ErrorMessage error={actual.error} />
          ) : canSeeBudgets ? (
            converted ? (
              `No ${currency} budget of all spend on this cost metric for this period (a budget in ${currency} with no scope).`
            ) : (
              `No organisation-wide ${currency} budget on this cost metric for this period (a budget scoped to currency=${currency} only).`
            )
          ) : (
            'Your role may not read budgets.'
          )
        }
      />
    );
  }
  if (budgets.status === 'error')
    return <Tile label={label} testId={testId} value="–" sub={<ErrorMessage error={budgets.error} />} />;
  if (status.status === 'error')
    return <Tile label={label} testId={testId} value="–" sub={<ErrorMessage error={status.error} />} />;
  if (status.status === 'loading') return <Tile label={label} testId={testId} value={<Loading />} />;
  const report = status.data.status;
  // The actual shown is the page's own sum, never the status's: a status counts the days before
  // its asOf, so when the last day with data closes the period (see budgetStatusAsOf) its actual
  // lacks that day. Shown while the page's sum was still loading, it put a second, smaller
  // figure on the tile (for good when the daily answer failed).
  if (actual.status !== 'ready')
    return (
      <Tile
        label={label}
        testId={testId}
        value={<ActualValue actual={actual} currency={report.currency} />}
        sub={
          actual.status === 'error' ? (
            <ErrorMessage error={actual.error} />
          ) : (
            <div>
              Budget <Money amount={report.amount} currency={report.currency} className="tile-budget" /> (
              {report.budget})
            </div>
          )
        }
      />
    );
  const shown = actual.data;
  const forecastTotal = periodComplete ? null : report.forecastTotal;
  const actualPercent = Number(percentOf(shown, report.amount) ?? 0);
  const forecastPercent = forecastTotal ? Number(percentOf(forecastTotal, report.amount) ?? 0) : null;
  const over = new Decimal(forecastTotal ?? shown).gt(report.amount);
  return (
    <Tile
      label={label}
      testId={testId}
      tone={over ? 'bad' : undefined}
      value={<Money amount={shown} currency={report.currency} className="tile-actual" />}
      sub={
        <>
          <BudgetBar actualPercent={actualPercent} forecastPercent={forecastPercent} />
          <div>
            {formatPercent(actualPercent)} of budget{' '}
            <Money amount={report.amount} currency={report.currency} className="tile-budget" /> (
            {report.budget})
          </div>
          {periodComplete ? (
            <div>The period is complete: nothing left to forecast.</div>
          ) : forecastTotal ? (
            <div>
              Forecast <Money amount={forecastTotal} currency={report.currency} className="tile-forecast" />
              {report.forecastInterval ? (
                <>
                  {' '}
                  (80%: {formatMoneyText(report.forecastInterval.lo80, report.currency, 0)}–
                  {formatMoneyText(report.forecastInterval.hi80, report.currency, 0)})
                </>
              ) : null}
              {report.variancePercent !== null ? (
                <span className={over ? 'bad' : 'good'}>
                  {' '}
                  {formatPercent(report.variancePercent, { signed: true })} vs budget
                </span>
              ) : null}
            </div>
          ) : (
            <div>No forecast yet (too little history).</div>
          )}
        </>
      }
    />
  );
}

/** The tile's actual: the exact figure when the page has it, a spinner while it loads, '–' when it failed. */
function ActualValue({ actual, currency }: { actual: ApiState<string>; currency: string }) {
  if (actual.status === 'ready')
    return <Money amount={actual.data} currency={currency} className="tile-actual" />;
  return actual.status === 'loading' ? <Loading /> : <>–</>;
}

export function DeploymentTile({
  kpis,
  canSee,
  currency,
}: {
  kpis: ApiState<KpiReport>;
  canSee: boolean;
  currency: string;
}) {
  if (!canSee)
    return <Tile label="Cost per deployment" value="–" sub="Your role may not read deployments." />;
  if (kpis.status === 'error')
    return <Tile label="Cost per deployment" value="–" sub={<ErrorMessage error={kpis.error} />} />;
  if (kpis.status === 'loading') return <Tile label="Cost per deployment" value={<Loading />} />;
  const unit = kpis.data.unitCosts;
  const note = deploymentCurrencyNote(unit.currency, currency);
  if (note) return <Tile label="Cost per deployment" testId="tile-deployment" value="–" sub={note} />;
  const months = costPerDeploymentByMonth(unit);
  const last = months.at(-1);
  const previous = months.at(-2);
  const change =
    last?.perDeployment && previous?.perDeployment
      ? percentOf(
          new Decimal(last.perDeployment).minus(previous.perDeployment).toFixed(),
          previous.perDeployment,
        )
      : null;
  return (
    <Tile
      label={`Cost per deployment${last ? ` (${last.month})` : ''}`}
      testId="tile-deployment"
      value={last?.perDeployment ? <Money amount={last.perDeployment} currency={unit.currency} /> : '–'}
      sub={
        <>
          {unit.deployments.toLocaleString('en-US')} deployments this year, on average{' '}
          <Money amount={unit.perDeployment} currency={unit.currency} />
          {change !== null ? ` · ${formatPercent(change, { signed: true })} on the month before` : ''}
          <div className="section-note">
            Process cost: pipeline, environments, reviews, execution, rollbacks.
          </div>
        </>
      }
    />
  );
}

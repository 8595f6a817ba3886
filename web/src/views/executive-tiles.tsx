import type { BudgetDescription, BudgetStatusAnswer, KpiReport } from '../api-types';
import { Money } from '../components/money';
import { ErrorMessage, Loading } from '../components/status';
import { BudgetBar, Tile } from '../components/tile';
import { Decimal, formatMoneyText, percentOf } from '../money-text';
import type { ApiState } from '../use-api';
import { costPerDeploymentByMonth } from './executive-model';

export function BudgetTile({
  label,
  testId,
  status,
  budget,
  budgets,
  canSeeBudgets,
  currency,
  actualFallback,
}: {
  label: string;
  testId: string;
  status: ApiState<BudgetStatusAnswer>;
  budget: BudgetDescription | undefined;
  budgets: ApiState<BudgetDescription[]>;
  canSeeBudgets: boolean;
  currency: string;
  actualFallback?: string | null;
}) {
  if (!canSeeBudgets || (budgets.status === 'ready' && !budget)) {
    return (
      <Tile
        label={label}
        testId={testId}
        value={actualFallback ? <Money amount={actualFallback} currency={currency} /> : '–'}
        sub={
          canSeeBudgets
            ? `No organisation-wide ${currency} budget for this period (a budget scoped to currency=${currency} only).`
            : 'Your role may not read budgets.'
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
  const actualPercent = Number(percentOf(report.actual, report.amount) ?? 0);
  const forecastPercent = report.forecastTotal
    ? Number(percentOf(report.forecastTotal, report.amount) ?? 0)
    : null;
  const over = report.forecastTotal !== null && new Decimal(report.forecastTotal).gt(report.amount);
  return (
    <Tile
      label={label}
      testId={testId}
      tone={over ? 'bad' : undefined}
      value={<Money amount={report.actual} currency={report.currency} className="tile-actual" />}
      sub={
        <>
          <BudgetBar actualPercent={actualPercent} forecastPercent={forecastPercent} />
          <div>
            {actualPercent.toFixed(1)}% of budget{' '}
            <Money amount={report.amount} currency={report.currency} className="tile-budget" /> (
            {report.budget})
          </div>
          {report.forecastTotal ? (
            <div>
              Forecast{' '}
              <Money amount={report.forecastTotal} currency={report.currency} className="tile-forecast" />
              {report.forecastInterval ? (
                <>
                  {' '}
                  (80%: {formatMoneyText(report.forecastInterval.lo80, null, 0)}–
                  {formatMoneyText(report.forecastInterval.hi80, null, 0)})
                </>
              ) : null}
              {report.variancePercent !== null ? (
                <span className={over ? 'bad' : 'good'}>
                  {' '}
                  {report.variancePercent > 0 ? '+' : ''}
                  {report.variancePercent}% vs budget
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

export function DeploymentTile({ kpis, canSee }: { kpis: ApiState<KpiReport>; canSee: boolean }) {
  if (!canSee)
    return <Tile label="Cost per deployment" value="–" sub="Your role may not read deployments." />;
  if (kpis.status === 'error')
    return <Tile label="Cost per deployment" value="–" sub={<ErrorMessage error={kpis.error} />} />;
  if (kpis.status === 'loading') return <Tile label="Cost per deployment" value={<Loading />} />;
  const unit = kpis.data.unitCosts;
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
          {change !== null ? ` · ${Number(change) > 0 ? '+' : ''}${change}% on the month before` : ''}
          <div className="section-note">
            Process cost: pipeline, environments, reviews, execution, rollbacks.
          </div>
        </>
      }
    />
  );
}

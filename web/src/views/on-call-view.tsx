import { useMemo } from 'react';
import type {
  AlertRecord,
  BudgetDescription,
  BudgetStatusesAnswer,
  CalendarAnswer,
  CostReport,
} from '../api-types';
import { hasPermission } from '../api-types';
import { CurrencySelect, useCurrencies } from '../components/cost-controls';
import { ErrorMessage } from '../components/status';
import { useDailyCosts } from '../cost-range';
import { readCurrencyChoice } from '../currency-choice';
import { addDays, useDataThrough } from '../data-through';
import { sendChange } from '../query-client';
import { useUrlState } from '../url-state';
import { type ApiState, useApi } from '../use-api';
import { AlertList } from './on-call-alerts';
import { BurnTable } from './on-call-burn';
import { CalendarPanel, RecentDeployments } from './on-call-calendar';
import { ConformancePanel } from './on-call-conformance';
import type { DeploymentRecord } from './on-call-model';
import { Timeline } from './on-call-timeline';
import type { ViewProps } from './view-props';

const LOADING = { status: 'loading', data: undefined, error: undefined } as const;
/** The longest timeline offered: its days are asked for once, shorter ones cut from them. */
const MAX_TIMELINE_DAYS = 120;

/**
 * The on-call view: is any budget burning too fast, which alerts are open and why (expected
 * against actual, top contributors), which deployments landed while cost moved, and whether
 * deployments may go now (freezes, windows, break-glass).
 */
export function OnCallView({ me }: ViewProps) {
  const [choiceValue, setCurrency] = useUrlState('currency', '');
  const choice = readCurrencyChoice(choiceValue);
  const currency = choice.currency;
  const [environment, setEnvironment] = useUrlState('env', 'prod');
  const [daysText, setDays] = useUrlState('days', '30');
  const days = Math.min(Math.max(Number(daysText) || 30, 7), MAX_TIMELINE_DAYS);
  const { state: currencyState, options, initial } = useCurrencies();
  const through = useDataThrough(choiceValue);
  const asOf = through.status === 'ready' ? through.data : null;
  const canReadBudgets = hasPermission(me, 'budgets:read');
  const canAcknowledge = hasPermission(me, 'budgets:write');
  const canReadGovernance = hasPermission(me, 'governance:read');

  // Every budget's status in one call (sent with the alerts, the timeline and the calendar).
  const statusAnswer = useApi<BudgetStatusesAnswer>(
    canReadBudgets && asOf ? '/api/v1/budgets/status' : null,
    {
      // Converted, each budget is measured in the chosen currency by the API (its rule is shown).
      query: { asOf: asOf ?? undefined, currency: choice.converted ? choice.apiCurrency : undefined },
    },
  );
  const alerts = useApi<AlertRecord[]>(canReadBudgets ? '/api/v1/alerts' : null);
  // The budgets' scopes, for the links from a budget to its spend in the explorer.
  const budgetList = useApi<BudgetDescription[]>(canReadBudgets ? '/api/v1/budgets' : null);
  const [focusBudget, setFocusBudget] = useUrlState('budget', '');
  const from = asOf ? addDays(asOf, -days) : '';
  // The longest timeline once (its last day included); shorter ones are cut from it.
  const dailyAll = useDailyCosts(
    'effective',
    choiceValue,
    asOf ? addDays(asOf, -MAX_TIMELINE_DAYS) : null,
    asOf ? addDays(asOf, 1) : null,
  );
  const daily = useMemo<ApiState<CostReport>>(() => {
    if (dailyAll.status !== 'ready' || !asOf) return dailyAll.status === 'error' ? dailyAll : LOADING;
    const rows = dailyAll.data
      .filter((row) => row.day >= from && row.day <= asOf)
      .map((row) => ({ day: row.day, currency, cost: row.cost }));
    return {
      status: 'ready',
      data: { metric: 'effective', from, to: asOf, rows, remainder: [], monthsWithoutAllocation: [] },
      error: undefined,
    };
  }, [dailyAll, asOf, currency, from]);
  // Only the timeline's days (a day more for deployments that ran past midnight), not the year.
  const deployments = useApi<DeploymentRecord[]>(canReadGovernance && asOf ? '/api/v1/deployments' : null, {
    query: { environment, from: asOf ? `${addDays(asOf, -(MAX_TIMELINE_DAYS + 1))}T00:00:00Z` : undefined },
  });
  // Live data is "in force now"; a past year (the demo) is shown as of its last day, at noon UTC.
  const calendarAt =
    asOf && Date.now() - Date.parse(`${asOf}T00:00:00Z`) > 3 * 86_400_000 ? `${asOf}T12:00:00Z` : undefined;
  const calendar = useApi<CalendarAnswer>(canReadGovernance && asOf ? '/api/v1/calendar' : null, {
    query: { at: calendarAt },
  });

  async function acknowledge(alert: AlertRecord) {
    // Every answer on screen is read again, the alert list among them.
    await sendChange(`/api/v1/alerts/${alert.id}/acknowledge`, { method: 'POST' });
  }

  return (
    <section aria-labelledby="on-call-title">
      <div className="view-header">
        <div>
          <h1 id="on-call-title">On-call</h1>
          <p className="muted">
            EffectiveCost in {currency || '…'}
            {choice.converted ? ' (every billing currency converted per charge day)' : ''}
            {asOf ? `, as of ${asOf}` : ''}; deployments to {environment}, last {days} days
          </p>
        </div>
        <div className="controls">
          <CurrencySelect value={choiceValue} options={options} initial={initial} onChange={setCurrency} />
          <label>
            Environment
            <select name="env" value={environment} onChange={(event) => setEnvironment(event.target.value)}>
              {['prod', 'staging', 'production', 'dev'].map((env) => (
                <option key={env} value={env}>
                  {env}
                </option>
              ))}
            </select>
          </label>
          <label>
            Timeline
            <select name="days" value={String(days)} onChange={(event) => setDays(event.target.value)}>
              {[14, 30, 60, 90].map((count) => (
                <option key={count} value={count}>
                  {count} days
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {currencyState.status === 'error' ? <ErrorMessage error={currencyState.error} /> : null}
      {through.status === 'error' ? <ErrorMessage error={through.error} /> : null}

      <div className="grid">
        <div className="card span-12">
          <h2>Open alerts and anomalies</h2>
          <AlertList
            alerts={alerts}
            canRead={canReadBudgets}
            canAcknowledge={canAcknowledge}
            onAcknowledge={acknowledge}
          />
        </div>
        <div className="card span-12">
          <h2>Burn rates per budget {asOf ? <span className="unit-label">as of {asOf}</span> : null}</h2>
          <BurnTable
            statuses={statusAnswer}
            budgets={budgetList}
            canRead={canReadBudgets}
            focus={focusBudget}
            onShowAll={() => setFocusBudget('')}
            converted={choice.converted}
          />
        </div>
        <div className="card span-8">
          <h2>
            Cost and deployments, day by day{' '}
            <span className="unit-label">
              EffectiveCost ({currency || '…'}) and {environment} deployments
            </span>
          </h2>
          <Timeline
            daily={daily}
            deployments={deployments}
            currency={currency}
            canSeeDeployments={canReadGovernance}
          />
        </div>
        <div className="card span-4">
          <h2>Freezes and windows in force</h2>
          <CalendarPanel calendar={calendar} canRead={canReadGovernance} />
        </div>
        <div className="card span-12">
          <h2>Recent {environment} deployments</h2>
          <RecentDeployments deployments={deployments} asOf={asOf} days={days} canRead={canReadGovernance} />
        </div>
        <div className="card span-12">
          <h2>
            Governance conformance <span className="unit-label">last {days} days</span>
          </h2>
          <ConformancePanel asOf={asOf} days={days} canRead={canReadGovernance} />
        </div>
      </div>
    </section>
  );
}

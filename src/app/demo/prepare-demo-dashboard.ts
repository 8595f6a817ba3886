import { Decimal } from '../../core/money.js';
import { DEMO_APPROVER } from '../../demo/governance/demo-governance-config.js';
import type { Stores } from '../../ports/stores.js';
import { createToken } from '../access/manage-tokens.js';
import { addUser } from '../access/manage-users.js';
import { evaluateAlerts } from '../alerting/evaluate-alerts.js';
import { openNotifier } from '../alerting/open-notifier.js';
import type { Actor } from '../audit/record-audit.js';
import { setBudget } from '../budget/manage-budgets.js';
import { seedWaitingChanges } from './seed-waiting-changes.js';

const ACTOR: Actor = { name: 'demo', tokenId: null, address: null };

/** The password of every demo user: printed by `tollgate demo --serve`, for a demo on loopback only. */
export const DEMO_PASSWORD = 'tollgate-demo-password';

/** Who the demo signs in as: one per kind of reader the dashboard serves. */
const DEMO_USERS = [
  { name: 'demo-admin', role: 'admin', what: 'everything, users and the audit log' },
  { name: DEMO_APPROVER, role: 'approver', what: 'approves changes for every team (a CAB member)' },
  { name: 'demo-viewer', role: 'viewer', what: 'reads aggregates; resources stay masked' },
] as const;

export interface DemoLogin {
  name: string;
  role: string;
  what: string;
  password: string;
  token: string;
  tokenExpiresAt: string | null;
}

export interface DemoDashboard {
  /** The last day with cost data: "today" for the demo's year (data through the day before). */
  asOf: string;
  dataThrough: string | null;
  budgetsCreated: string[];
  alertsOpen: number;
  /** Changes waiting for the demo approver in the Approvals inbox. */
  waitingChanges: string[];
  logins: DemoLogin[];
}

/**
 * Makes a loaded demo organisation ready to look at in the dashboard, through the use cases a
 * user runs: 1. budgets (only when there are none): per currency a monthly and a fiscal-year
 * budget for the whole organisation and a monthly one per business unit, each sized from the
 * year's own spend so some are overspent and alert; 2. alerts evaluated as of the last day with
 * data (the demo year is in the past, so "today" would find no spend); 3. one user per
 * role with the demo password, and a fresh token for each (tokens are shown once); 4. changes
 * waiting for the demo approver (see seed-waiting-changes.ts).
 */
export async function prepareDemoDashboard(stores: Stores): Promise<DemoDashboard> {
  const dataThrough = await findLastCostDay(stores);
  const asOf = dataThrough ?? new Date().toISOString().slice(0, 10);
  const budgetsCreated =
    (await stores.budgets.listBudgets()).length === 0 ? await createDemoBudgets(stores) : [];
  const evaluation = dataThrough ? await evaluateAlerts(stores, openNotifier(), asOf, ACTOR) : null;
  const alertsOpen = evaluation ? (await stores.alerts.listAlerts({ all: false })).length : 0;
  const waitingChanges = await seedWaitingChanges(stores, `${asOf}T09:00:00.000Z`);
  const logins = await createDemoLogins(stores);
  return { asOf, dataThrough, budgetsCreated, alertsOpen, waitingChanges, logins };
}

async function findLastCostDay(stores: Stores): Promise<string | null> {
  const months = await stores.costs.queryCosts({ groupBy: ['month'], filters: [], metric: 'effective' });
  const lastMonth = months
    .map((row) => row.dimensions.month ?? '')
    .sort()
    .at(-1);
  if (!lastMonth) return null;
  const days = await stores.costs.queryCosts({
    from: lastMonth.slice(0, 7).concat('-01'),
    groupBy: ['day'],
    filters: [],
    metric: 'effective',
  });
  return (
    days
      .map((row) => (row.dimensions.day ?? '').slice(0, 10))
      .sort()
      .at(-1) ?? null
  );
}

/** A round amount near `value`: two significant digits, so the budgets read like human ones. */
function roundBudget(value: Decimal): string {
  if (value.lte(0)) return '1';
  const step = new Decimal(10).pow(Math.max(0, value.floor().toString().length - 2));
  return value.div(step).ceil().times(step).toFixed(0);
}

async function createDemoBudgets(stores: Stores): Promise<string[]> {
  const byMonth = await stores.costs.queryCosts({
    groupBy: ['month', 'currency'],
    filters: [],
    metric: 'effective',
  });
  const created: string[] = [];
  const perCurrency = new Map<string, { total: Decimal; months: number }>();
  for (const row of byMonth) {
    const entry = perCurrency.get(row.currency) ?? { total: new Decimal(0), months: 0 };
    entry.total = entry.total.plus(row.cost);
    entry.months += 1;
    perCurrency.set(row.currency, entry);
  }
  for (const [currency, { total, months }] of perCurrency) {
    const code = currency.toLowerCase();
    // The monthly budget is the year's average month: the busier last months go over it.
    const monthly = roundBudget(total.div(Math.max(months, 1)));
    await setBudget(stores, {
      name: `organisation-${code}-monthly`,
      scope: [`currency=${currency}`],
      period: 'month',
      amount: monthly,
      currency,
      metric: 'effective',
    });
    await setBudget(stores, {
      name: `organisation-${code}-year`,
      scope: [`currency=${currency}`],
      period: 'fiscal-year',
      amount: roundBudget(total.times('1.02')),
      currency,
      metric: 'effective',
    });
    created.push(`organisation-${code}-monthly`, `organisation-${code}-year`);
  }
  const units = await stores.costs.queryCosts({
    groupBy: ['business-unit', 'currency'],
    filters: [],
    metric: 'effective',
  });
  for (const row of units) {
    const unit = row.dimensions['business-unit'];
    if (!unit || unit === 'unallocated') continue;
    const months = perCurrency.get(row.currency)?.months ?? 12;
    const name = `${unit}-${row.currency.toLowerCase()}-monthly`;
    await setBudget(stores, {
      name,
      scope: [`business-unit=${unit}`, `currency=${row.currency}`],
      period: 'month',
      amount: roundBudget(new Decimal(row.cost).div(Math.max(months, 1)).times('1.05')),
      currency: row.currency,
      metric: 'effective',
    });
    created.push(name);
  }
  return created;
}

async function createDemoLogins(stores: Stores): Promise<DemoLogin[]> {
  const teams = (await stores.costs.queryCosts({ groupBy: ['team'], filters: [], metric: 'effective' }))
    .map((row) => row.dimensions.team)
    .filter((team): team is string => typeof team === 'string' && team !== 'unallocated');
  const logins: DemoLogin[] = [];
  for (const user of DEMO_USERS) {
    if (!(await stores.access.users.getUser(user.name))) {
      await addUser(stores, ACTOR, {
        name: user.name,
        role: user.role,
        scopes: user.role === 'approver' ? [...new Set(teams)] : [],
        password: DEMO_PASSWORD,
      });
    }
    const { token, record } = await createToken(stores, ACTOR, {
      user: user.name,
      label: 'demo',
      expiresIn: '30d',
    });
    logins.push({ ...user, password: DEMO_PASSWORD, token, tokenExpiresAt: record.expiresAt });
  }
  return logins;
}

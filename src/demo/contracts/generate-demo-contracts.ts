import { SeededRandom } from '../seeded-random.js';

/**
 * The demo organisation's vendor contracts, licences and who holds them, for the demo year
 * 2025 and the teams of the demo catalogue. Seen as of the data's last day (2025-12-31):
 * exactly one notice deadline falls within 90 days (Atlassian, notice by 2026-03-01); the
 * colocation contract's availability SLA is missed once (see DEMO_SLA_BREACH); the Oracle
 * database licence is held beyond its cores (a shortfall) and the others carry some shelfware.
 */
const availability = (target: string, steps: [string, string][]) => [
  {
    name: 'availability',
    target,
    measurement: 'monthly availability as the vendor reports it, excluding announced maintenance',
    credits: steps.map(([below, creditPercent]) => ({ below, creditPercent })),
  },
];

export const DEMO_CONTRACTS: Record<string, unknown>[] = [
  {
    id: 'C-AWS-EDP-2025',
    vendor: 'AWS',
    ownerTeam: 'platform',
    currency: 'USD',
    startsOn: '2025-01-01',
    endsOn: '2027-12-31',
    noticeDays: 90,
    autoRenews: false,
    committedSpend: '3000000',
  },
  {
    id: 'C-MS-EA-2025',
    vendor: 'Microsoft',
    ownerTeam: 'platform',
    currency: 'USD',
    startsOn: '2025-01-01',
    endsOn: '2027-06-30',
    noticeDays: 120,
    autoRenews: false,
    committedSpend: '600000',
  },
  {
    id: 'C-GCP-CUD-2025',
    vendor: 'Google Cloud',
    ownerTeam: 'data-platform',
    currency: 'USD',
    startsOn: '2025-01-01',
    endsOn: '2026-12-31',
    noticeDays: 60,
    autoRenews: true,
    committedSpend: '250000',
  },
  {
    id: 'C-EQUINIX-FR5',
    vendor: 'Equinix',
    ownerTeam: 'platform',
    currency: 'EUR',
    startsOn: '2024-07-01',
    endsOn: '2027-06-30',
    noticeDays: 180,
    autoRenews: true,
    escalationPercent: '3.5',
    monthlyFee: '18400',
    slas: availability('99.99', [
      ['99.99', '5'],
      ['99.9', '15'],
      ['99.5', '30'],
    ]),
  },
  {
    id: 'C-DATADOG-2025',
    vendor: 'Datadog',
    ownerTeam: 'observability',
    currency: 'USD',
    startsOn: '2025-01-01',
    endsOn: '2026-12-31',
    noticeDays: 60,
    autoRenews: true,
    committedSpend: '240000',
    escalationPercent: '5',
    monthlyFee: '10000',
    slas: availability('99.9', [
      ['99.9', '10'],
      ['99.0', '25'],
    ]),
  },
  {
    id: 'C-PAGERDUTY-2025',
    vendor: 'PagerDuty',
    ownerTeam: 'observability',
    currency: 'USD',
    startsOn: '2025-05-01',
    endsOn: '2026-10-31',
    noticeDays: 30,
    autoRenews: true,
    monthlyFee: '2100',
  },
  {
    id: 'C-GITHUB-2025',
    vendor: 'GitHub',
    ownerTeam: 'platform',
    currency: 'USD',
    startsOn: '2025-04-01',
    endsOn: '2026-09-30',
    noticeDays: 30,
    autoRenews: true,
  },
  {
    id: 'C-ATLASSIAN-2025',
    vendor: 'Atlassian',
    ownerTeam: 'platform',
    currency: 'EUR',
    startsOn: '2025-04-01',
    endsOn: '2026-03-31',
    noticeDays: 30,
    autoRenews: true,
  },
  {
    id: 'C-JETBRAINS-2025',
    vendor: 'JetBrains',
    ownerTeam: 'platform',
    currency: 'EUR',
    startsOn: '2025-06-01',
    endsOn: '2026-11-30',
    noticeDays: 30,
    autoRenews: false,
  },
  {
    id: 'C-ORACLE-2025',
    vendor: 'Oracle',
    ownerTeam: 'payments',
    currency: 'EUR',
    startsOn: '2025-01-01',
    endsOn: '2027-12-31',
    noticeDays: 90,
    autoRenews: true,
    escalationPercent: '4',
  },
];

/** The one missed service level: the colocation site's availability in August 2025. */
export const DEMO_SLA_BREACH = {
  contractId: 'C-EQUINIX-FR5',
  sla: 'availability',
  month: '2025-08',
  measured: '99.82',
};

interface LicencePlan {
  id: string;
  product: string;
  publisher: string;
  metric: 'seats' | 'cores' | 'users';
  quantity: number;
  price: string;
  currency: string;
  contractId: string;
  ownerTeam: string;
  startsOn: string;
  endsOn: string;
  /** How many units each team holds, as a share of the quantity (before the seeded jitter). */
  held: number;
  assignee: (team: string, index: number) => string;
}

const person = (team: string, index: number) =>
  `${team}-dev-${String(index + 1).padStart(2, '0')}@demo.example`;

const LICENCES: LicencePlan[] = [
  {
    id: 'L-IDEA-2025',
    product: 'IntelliJ IDEA Ultimate',
    publisher: 'JetBrains',
    metric: 'seats',
    quantity: 60,
    price: '41340.00',
    currency: 'EUR',
    contractId: 'C-JETBRAINS-2025',
    ownerTeam: 'platform',
    startsOn: '2025-06-01',
    endsOn: '2026-05-31',
    held: 0.8,
    assignee: person,
  },
  {
    id: 'L-JIRA-2025',
    product: 'Jira Software Cloud Premium',
    publisher: 'Atlassian',
    metric: 'users',
    quantity: 120,
    price: '26208.00',
    currency: 'EUR',
    contractId: 'C-ATLASSIAN-2025',
    ownerTeam: 'platform',
    startsOn: '2025-04-01',
    endsOn: '2026-03-31',
    held: 0.9,
    assignee: person,
  },
  {
    id: 'L-GHE-2025',
    product: 'GitHub Enterprise',
    publisher: 'GitHub',
    metric: 'users',
    quantity: 130,
    price: '32760.00',
    currency: 'USD',
    contractId: 'C-GITHUB-2025',
    ownerTeam: 'platform',
    startsOn: '2025-04-01',
    endsOn: '2026-03-31',
    held: 0.95,
    assignee: person,
  },
  {
    id: 'L-DD-INFRA-2025',
    product: 'Datadog Infrastructure Pro',
    publisher: 'Datadog',
    metric: 'cores',
    quantity: 512,
    price: '92160.00',
    currency: 'USD',
    contractId: 'C-DATADOG-2025',
    ownerTeam: 'observability',
    startsOn: '2025-01-01',
    endsOn: '2025-12-31',
    held: 0.7,
    assignee: (team, index) => `${team}-node-${String(index + 1).padStart(2, '0')}`,
  },
  {
    id: 'L-ORACLE-EE-2025',
    product: 'Oracle Database Enterprise Edition',
    publisher: 'Oracle',
    metric: 'cores',
    quantity: 16,
    price: '380000.00',
    currency: 'EUR',
    contractId: 'C-ORACLE-2025',
    ownerTeam: 'payments',
    startsOn: '2025-01-01',
    endsOn: '2027-12-31',
    held: 0,
    assignee: (team, index) => `${team}-db-${index + 1}`,
  },
];

/** The Oracle cores as deployed at the end of 2025: more than the 16 licensed (a true-up is due). */
const ORACLE_HOSTS: [string, string, number][] = [
  ['payments-db-1', 'payments', 8],
  ['payments-db-2', 'payments', 8],
  ['identity-db-1', 'identity', 4],
];

/** Month ends on which the demo measured licence usage: a snapshot each, for the terms in force. */
const USAGE_DAYS = [
  '2025-01-31',
  '2025-02-28',
  '2025-03-31',
  '2025-04-30',
  '2025-05-31',
  '2025-06-30',
  '2025-07-31',
  '2025-08-31',
  '2025-09-30',
  '2025-10-31',
  '2025-11-30',
  '2025-12-31',
];
/** The Oracle host added mid-year, from when the cores deployed exceed the licence. */
const ORACLE_GROWTH_FROM = '2025-07-31';
const ORACLE_GROWTH_HOST = 'identity-db-1';

/**
 * The licences (as records for `licences load`) and their usage rows (for `licences usage`),
 * one snapshot per month end of 2025 while a term runs. The last snapshot is the seeded split
 * of each licence's held share over the teams; earlier ones hold fewer (seats grow through the
 * year, from three quarters of the last), so Datadog stays shelfware and Oracle turns into a
 * shortfall when a third database host is added in July.
 */
export function generateDemoLicences(
  teams: readonly string[],
  seed: number,
): { licences: Record<string, unknown>[]; usage: Record<string, unknown>[] } {
  const random = new SeededRandom(seed * 104729 + 31);
  const licences = LICENCES.map(({ held: _held, assignee: _assignee, ...licence }) => licence);
  const usage: Record<string, unknown>[] = [];
  const sorted = [...teams].sort();
  for (const plan of LICENCES) {
    if (plan.held === 0) continue;
    // Spread the held units over the teams, each a seeded share, never above the entitlement.
    let left = Math.floor(plan.quantity * plan.held);
    const final = sorted.map((team, position) => {
      const fair = Math.ceil(left / (sorted.length - position));
      const count = Math.min(left, Math.max(0, fair + random.integer(-1, 1)));
      left -= count;
      return { team, count };
    });
    const days = USAGE_DAYS.filter((day) => day >= plan.startsOn && day <= plan.endsOn);
    for (const [step, asOf] of days.entries()) {
      const share = days.length === 1 ? 1 : 0.75 + (0.25 * step) / (days.length - 1);
      for (const { team, count: last } of final) {
        const count = step === days.length - 1 ? last : Math.floor(last * share);
        if (plan.metric === 'cores') {
          if (count > 0)
            usage.push({ licenceId: plan.id, assignee: plan.assignee(team, 0), team, quantity: count, asOf });
          continue;
        }
        for (let index = 0; index < count; index++)
          usage.push({ licenceId: plan.id, assignee: plan.assignee(team, index), team, quantity: 1, asOf });
      }
    }
  }
  for (const asOf of USAGE_DAYS)
    for (const [host, team, cores] of ORACLE_HOSTS)
      if (teams.includes(team) && (host !== ORACLE_GROWTH_HOST || asOf >= ORACLE_GROWTH_FROM))
        usage.push({ licenceId: 'L-ORACLE-EE-2025', assignee: host, team, quantity: cores, asOf });
  return { licences, usage };
}

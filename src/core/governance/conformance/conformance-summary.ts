import { Decimal } from '../../money.js';
import {
  CONFORMANCE_CHECKS,
  type ConformanceCheck,
  type ConformanceFinding,
} from './conformance-findings.js';

/** One check's findings in a team's month: how many deployments, and their modelled cost. */
export interface CheckTally {
  count: number;
  cost: string;
}

export interface ConformanceRow {
  team: string;
  /** The month the deployments started in, YYYY-MM (UTC). */
  period: string;
  /** Deployments to governed environments the team made in the month. */
  deployments: number;
  /** Deployments with at least one breach (any check but 'emergency', which is listed, not a breach). */
  breaches: number;
  breachCost: string;
  checks: Record<ConformanceCheck, CheckTally>;
}

const emptyChecks = () =>
  Object.fromEntries(CONFORMANCE_CHECKS.map((check) => [check, { count: 0, cost: '0' }])) as Record<
    ConformanceCheck,
    CheckTally
  >;

/**
 * Findings by owning team and month, with every governed deployment counted so a share can be
 * read (breaches / deployments). Rows sort by period then team.
 */
export function summariseConformance(
  governed: readonly { service: string; startedAt: string }[],
  findings: readonly ConformanceFinding[],
  teamOf: (service: string) => string,
): ConformanceRow[] {
  const rows = new Map<string, ConformanceRow>();
  const rowOf = (service: string, startedAt: string) => {
    const team = teamOf(service);
    const period = startedAt.slice(0, 7);
    const key = `${period}\u0000${team}`;
    let row = rows.get(key);
    if (!row) {
      row = { team, period, deployments: 0, breaches: 0, breachCost: '0', checks: emptyChecks() };
      rows.set(key, row);
    }
    return row;
  };
  for (const d of governed) rowOf(d.service, d.startedAt).deployments++;
  for (const finding of findings) {
    const row = rowOf(finding.service, finding.startedAt);
    for (const check of finding.checks) {
      const tally = row.checks[check];
      tally.count++;
      tally.cost = new Decimal(tally.cost).plus(finding.cost).toString();
    }
    if (finding.checks.some((check) => check !== 'emergency')) {
      row.breaches++;
      row.breachCost = new Decimal(row.breachCost).plus(finding.cost).toString();
    }
  }
  return [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);
}

import type { ApiAnswer } from '../api-types.js';
import { sumDecimals } from '../money-text.js';
import { shiftDay } from './release-money-model.js';

export type ConformanceAnswer = ApiAnswer<'getConformance'>;
type Check = Extract<keyof ConformanceAnswer['rules'], string>;

/** The breaches in the order the process is walked; emergencies are shown apart (not a breach). */
export const BREACH_LABELS: [Check, string][] = [
  ['no-change', 'No change request'],
  ['no-gate-decision', 'No gate decision'],
  ['deployed-after-deny', 'Deployed after a deny'],
  ['approved-after-deployment', 'Approved after deploying'],
  ['outside-window', 'Outside a deployment window'],
  ['in-freeze', 'In a freeze without break-glass'],
];

/** One check's count and modelled cost over every team and month of the report. */
export function tallyCheck(report: ConformanceAnswer, check: Check): { count: number; cost: string } {
  return {
    count: report.rows.reduce((sum, row) => sum + (row.checks[check]?.count ?? 0), 0),
    cost: sumDecimals(report.rows.map((row) => row.checks[check]?.cost)),
  };
}

/** The conformance period the on-call view shows: its timeline's days, the last one included. */
export function conformancePeriod(asOf: string, days: number): { from: string; to: string } {
  return { from: shiftDay(asOf, -days), to: shiftDay(asOf, 1) };
}

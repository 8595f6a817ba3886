import type { Problem } from '../catalog/yaml-document.js';
import { Decimal, isDecimalText } from '../money.js';
import type { DriverValue } from './split-weights.js';

const HEADER = ['period', 'driver', 'team', 'quantity'];
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const DRIVER = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Reads a driver file: a CSV with the header period,driver,team,quantity (one usage figure per
 * team, period and metric, e.g. 2026-01,cpu-hours,payments,1520.5). Every row is checked;
 * quantities must be present, decimal and not negative; teams must be in the catalogue; a
 * (period, driver, team) may appear once. Fields are plain (no quoting is needed for these).
 */
export function parseDriverCsv(
  file: string,
  text: string,
  knownTeams: Set<string>,
): { values: DriverValue[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const values: DriverValue[] = [];
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((cell) => cell.trim().toLowerCase());
  if (header.join(',') !== HEADER.join(',')) {
    return {
      values,
      problems: [
        { file, line: 1, message: `the header must be ${HEADER.join(',')} (found '${lines[0] ?? ''}')` },
      ],
    };
  }
  const seen = new Map<string, number>();
  lines.slice(1).forEach((raw, index) => {
    const line = index + 2;
    if (raw.trim() === '') return;
    const problem = (message: string) => problems.push({ file, line, message });
    const cells = raw.split(',').map((cell) => cell.trim());
    if (cells.length !== 4) {
      problem(`expected 4 fields (${HEADER.join(',')}), found ${cells.length}`);
      return;
    }
    const [period, driver, team, quantity] = cells as [string, string, string, string];
    if (!PERIOD.test(period)) problem(`period '${period}' is not YYYY-MM`);
    if (!DRIVER.test(driver)) problem(`driver '${driver}' is not a lower-case name like cpu-hours`);
    if (team === '') problem('team is missing');
    else if (!knownTeams.has(team)) problem(`unknown team '${team}'; it is not in the catalogue`);
    if (quantity === '') problem('quantity is missing');
    else if (!isDecimalText(quantity)) problem(`quantity '${quantity}' is not a number`);
    else if (new Decimal(quantity).isNegative())
      problem(`quantity ${quantity} is negative; usage cannot be below zero`);
    const key = `${period}|${driver}|${team}`;
    const first = seen.get(key);
    if (first !== undefined) problem(`${driver} for ${team} in ${period} is already given on line ${first}`);
    else seen.set(key, line);
    values.push({
      period,
      driver,
      team,
      quantity: isDecimalText(quantity) ? new Decimal(quantity).toString() : quantity,
    });
  });
  if (values.length === 0 && problems.length === 0)
    problems.push({ file, line: 1, message: 'the file has no rows' });
  return { values: problems.length > 0 ? [] : values, problems };
}

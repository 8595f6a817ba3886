import type { Command } from 'commander';
import { auditRecorder } from '../../app/audit/record-audit.js';
import {
  addRates,
  listRates,
  loadRatesFile,
  type SaveRatesResult,
} from '../../app/currency/manage-exchange-rates.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { renderTable } from '../output/render-table.js';

interface JsonFlag {
  json?: boolean;
}

export async function runRatesAdd(
  date: string,
  from: string,
  to: string,
  rate: string,
  flags: JsonFlag,
  command: Command,
) {
  const result = await withIdentity(command, 'sources:write', (stores, { actor }) =>
    addRates(stores, [{ date, from, to, rate }], auditRecorder(stores, actor)),
  );
  printSaved(result, flags);
}

export async function runRatesLoad(
  file: string,
  flags: JsonFlag & { fillForward?: boolean },
  command: Command,
) {
  const result = await withIdentity(command, 'sources:write', (stores, { actor }) =>
    loadRatesFile(stores, file, auditRecorder(stores, actor), flags.fillForward === true),
  );
  printSaved(result, flags);
}

export async function runRatesList(
  flags: JsonFlag & { from?: string; to?: string; pair?: string },
  command: Command,
) {
  const [fromCurrency, toCurrency, ...rest] = flags.pair?.split('/') ?? [];
  if (flags.pair !== undefined && (rest.length > 0 || !fromCurrency || !toCurrency))
    throw new TollgateError(
      'RATES_BAD_PAIR',
      `--pair ${flags.pair} is not a pair; write FROM/TO, e.g. USD/EUR.`,
      'usage',
    );
  const rates = await withStores(command, (stores) =>
    listRates(
      stores,
      { fromDay: flags.from, toDay: flags.to, fromCurrency, toCurrency },
      { fromDay: '--from', toDay: '--to', fromCurrency: '--pair', toCurrency: '--pair' },
    ),
  );
  if (flags.json) return printJson({ rates });
  if (rates.length === 0)
    return void process.stdout.write(
      'No exchange rates match. Add them: tollgate rates load FILE or tollgate rates add.\n',
    );
  process.stdout.write(
    `${renderTable(
      ['date', 'from', 'to', 'rate', 'filled from', 'source'],
      rates.map((rate) => [rate.date, rate.from, rate.to, rate.rate, rate.filledFrom ?? '', rate.source]),
      [3],
    )}\n`,
  );
}

function printSaved(result: SaveRatesResult, flags: JsonFlag) {
  if (flags.json) return printJson(result);
  const frozen =
    result.frozen.length > 0
      ? `\nHeld back, closed months keep their rates: ${result.frozen.map((entry) => `${entry.period} (${entry.rates})`).join(', ')}. Reopen a month (tollgate periods reopen) and load again to change them.`
      : '';
  const filled =
    result.filled.length > 0
      ? `\nFilled forward from the last published day: ${result.filled.map((entry) => `${entry.pair} ${entry.days} day(s)`).join(', ')} (tollgate rates list shows each filled day and the day it is from).`
      : result.fillForward
        ? '\nFilled forward: the file skipped no day.'
        : '';
  process.stdout.write(
    `Rates from ${result.source}: ${result.added} added, ${result.changed} changed, ${result.unchanged} unchanged.${frozen}${filled}\n`,
  );
}

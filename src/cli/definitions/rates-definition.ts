import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadRatesModule = () => import('../commands/rates-command.js');

export function defineRatesCommand(program: Command): void {
  const rates = program
    .command('rates')
    .description(
      'Exchange rates for the reporting currency: typed in or loaded from a file, never downloaded',
    );
  rates
    .command('add')
    .description("Type in one day's rate: 1 FROM is RATE TO (a closed month keeps its rates)")
    .argument('<date>', 'the day, YYYY-MM-DD')
    .argument('<from>', 'currency converted from, e.g. USD')
    .argument('<to>', 'currency converted to, e.g. EUR')
    .argument('<rate>', 'how many TO one FROM is, e.g. 0.9213')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadRatesModule, (m) => m.runRatesAdd));
  rates
    .command('load')
    .description(
      "Load a CSV of date,from,to,rate (or the ECB's eurofxref file); a gap or a duplicate day is refused, nothing saved",
    )
    .argument('<file>', 'the rates file (.csv)')
    .option(
      '--fill-forward',
      'give each day the file skips (weekends, holidays) the last published rate, recorded as filled from that day',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadRatesModule, (m) => m.runRatesLoad));
  rates
    .command('list', { isDefault: true })
    .description('The stored rates')
    .option('--from <date>', 'first day, inclusive (YYYY-MM-DD)')
    .option('--to <date>', 'last day, inclusive (YYYY-MM-DD)')
    .option('--pair <FROM/TO>', 'one currency pair, e.g. USD/EUR')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadRatesModule, (m) => m.runRatesList));
}

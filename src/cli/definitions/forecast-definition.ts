import { type Command, Option } from 'commander';
import { type CostFilter, parseFilter } from '../../core/costs/cost-query.js';
import { lazyAction } from './lazy-action.js';
import { DATE_RANGE_FLAGS } from './option-parsers.js';

const loadForecastModule = () => import('../commands/forecast-command.js');

export function defineForecastCommand(program: Command): void {
  const forecast = program
    .command('forecast')
    .description(
      'Forecast daily cost per scope; the method is picked per series by backtest and its error shown',
    )
    .option('--by <dim>', 'one forecast per value: service, billing-account, region, ..., tag:<key>')
    .option(
      '--filter <dim=value>',
      'keep lines where dim is value (repeatable)',
      (t: string, all: CostFilter[]) => [...all, parseFilter(t, DATE_RANGE_FLAGS)],
      [],
    )
    .option('--horizon <days>', 'how far ahead: 30d, 90d, 12w (max 366d)', '90d')
    .addOption(
      new Option('--metric <metric>', 'cost metric')
        .choices(['billed', 'effective', 'list', 'contracted'])
        .default('effective'),
    )
    .option('--as-of <date>', 'forecast as on this day, from the data before it (YYYY-MM-DD)')
    .option('--history <days>', 'days of history the models see', '182d')
    .option(
      '--currency <code>',
      'one forecast in this currency: each billing currency converted at the last known rate (the data\'s last charge day) and added up; not saved as a snapshot. "billing" (default): each currency apart',
      'billing',
    )
    .option('--no-save', 'do not store the forecast as a snapshot for accuracy scoring')
    .option('--daily', 'include every forecast day in the JSON')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadForecastModule, (m) => m.runForecast));

  forecast
    .command('accuracy')
    .description(
      'Score stored forecasts against the actuals that arrived: MAPE and 1 - |actual - forecast| / actual per scope and horizon',
    )
    .option('--json', 'print as JSON')
    .action(lazyAction(loadForecastModule, (m) => m.runForecastAccuracy));
}

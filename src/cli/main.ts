import { Command, CommanderError } from 'commander';
import { type ErrorKind, isTollgateError } from '../core/errors.js';
import { registerAlertsCommand } from './commands/alerts-command.js';
import { registerAllocateCommand } from './commands/allocate-command.js';
import { registerAnomaliesCommand } from './commands/anomalies-command.js';
import { registerAuditCommand } from './commands/audit-command.js';
import { registerBudgetsCommand } from './commands/budgets-command.js';
import { registerCatalogCommand } from './commands/catalog-command.js';
import { registerChangesCommand } from './commands/changes-command.js';
import { registerCopyCommand } from './commands/copy-command.js';
import { registerCostsCommand } from './commands/costs-command.js';
import { registerDemoCommand } from './commands/demo-command.js';
import { registerDeployCommand } from './commands/deploy-command.js';
import { registerDriversCommand } from './commands/drivers-command.js';
import { registerExplainCommand } from './commands/explain-command.js';
import { registerForecastCommand } from './commands/forecast-command.js';
import { registerFreezeCommand } from './commands/freeze-command.js';
import { registerGateCommand } from './commands/gate-command.js';
import { registerIncidentCommand } from './commands/incident-command.js';
import { registerIngestCommand } from './commands/ingest-command.js';
import { registerKpisCommand } from './commands/kpis-command.js';
import { registerMigrateCommand } from './commands/migrate-command.js';
import { registerPeriodsCommand } from './commands/periods-command.js';
import { registerProcessCostCommand } from './commands/process-cost-command.js';
import { registerQualityCommand } from './commands/quality-command.js';
import { registerRatecardCommand } from './commands/ratecard-command.js';
import { registerReleaseCommand } from './commands/release-command.js';
import { registerRulesCommand } from './commands/rules-command.js';
import { registerServeCommand } from './commands/serve-command.js';
import { registerSourcesCommand } from './commands/sources-command.js';
import { registerStatementCommand } from './commands/statement-command.js';
import { registerTokensCommand } from './commands/tokens-command.js';
import { registerUsersCommand } from './commands/users-command.js';
import { registerWorkerCommand } from './commands/worker-command.js';

/** Exit codes: 0 done, 1 the command ran and said no (a rejected file, a failed gate), 2 a usage error. */
const EXIT_OF_KIND: Record<ErrorKind, number> = {
  usage: 2,
  'invalid-input': 1,
  'not-found': 1,
  conflict: 1,
  unavailable: 1,
  internal: 1,
};

export function buildProgram(): Command {
  const program = new Command('tollgate')
    .description('IT financial management: load what IT costs, say who spends it, govern releases with money')
    .option('--db <path>', 'database file (default ./tollgate.duckdb, or TOLLGATE_DB)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerIngestCommand(program);
  registerCostsCommand(program);
  registerSourcesCommand(program);
  registerServeCommand(program);
  registerWorkerCommand(program);
  registerCopyCommand(program);
  registerUsersCommand(program);
  registerMigrateCommand(program);
  registerTokensCommand(program);
  registerAuditCommand(program);
  registerRatecardCommand(program);
  registerReleaseCommand(program);
  registerDeployCommand(program);
  registerIncidentCommand(program);
  registerChangesCommand(program);
  registerFreezeCommand(program);
  registerGateCommand(program);
  registerKpisCommand(program);
  registerProcessCostCommand(program);
  registerCatalogCommand(program);
  registerRulesCommand(program);
  registerDriversCommand(program);
  registerPeriodsCommand(program);
  registerAllocateCommand(program);
  registerExplainCommand(program);
  registerStatementCommand(program);
  registerQualityCommand(program);
  registerDemoCommand(program);
  registerBudgetsCommand(program);
  registerForecastCommand(program);
  registerAnomaliesCommand(program);
  registerAlertsCommand(program);
  const overrideExits = (command: Command) => {
    command.exitOverride();
    command.commands.forEach(overrideExits);
  };
  overrideExits(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; commander has already printed its message.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.help' ||
        error.code === 'commander.version'
      )
        return 0;
      return 2;
    }
    if (isTollgateError(error)) {
      process.stderr.write(`error [${error.code}]: ${error.message}\n`);
      return EXIT_OF_KIND[error.kind];
    }
    process.stderr.write(
      `error [INTERNAL]: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2));

import type { Command } from 'commander';
import { defineAlertsCommand } from './alerts-definition.js';
import { defineAllocateCommand } from './allocate-definition.js';
import { defineAnomaliesCommand } from './anomalies-definition.js';
import { defineAuditCommand } from './audit-definition.js';
import { defineBudgetsCommand } from './budgets-definition.js';
import { defineCatalogCommand } from './catalog-definition.js';
import { defineChangesCommand } from './changes-definition.js';
import { defineCopyCommand } from './copy-definition.js';
import { defineCostsCommand } from './costs-definition.js';
import { defineDemoCommand } from './demo-definition.js';
import { defineDeployCommand } from './deploy-definition.js';
import { defineDriversCommand } from './drivers-definition.js';
import { defineExplainCommand } from './explain-definition.js';
import { defineForecastCommand } from './forecast-definition.js';
import { defineFreezeCommand } from './freeze-definition.js';
import { defineGateCommand } from './gate-definition.js';
import { defineIncidentCommand } from './incident-definition.js';
import { defineIngestCommand } from './ingest-definition.js';
import { defineKpisCommand } from './kpis-definition.js';
import { defineMigrateCommand } from './migrate-definition.js';
import { definePeriodsCommand } from './periods-definition.js';
import { defineProcessCostCommand } from './process-cost-definition.js';
import { defineQualityCommand } from './quality-definition.js';
import { defineRatecardCommand } from './ratecard-definition.js';
import { defineReleaseCommand } from './release-definition.js';
import { defineRulesCommand } from './rules-definition.js';
import { defineServeCommand } from './serve-definition.js';
import { defineSourcesCommand } from './sources-definition.js';
import { defineStatementCommand } from './statement-definition.js';
import { defineTokensCommand } from './tokens-definition.js';
import { defineUsersCommand } from './users-definition.js';
import { defineWorkerCommand } from './worker-definition.js';

export interface CommandDefinition {
  /** The command's name, also the name of its module: src/cli/commands/<name>-command.ts. */
  name: string;
  /** Adds the command (name, description, options, help text) with an action that imports its module when it runs. */
  define: (program: Command) => void;
}

/** Every top-level command, in the order `tollgate --help` lists them. */
export const COMMAND_TABLE: readonly CommandDefinition[] = [
  { name: 'ingest', define: defineIngestCommand },
  { name: 'costs', define: defineCostsCommand },
  { name: 'sources', define: defineSourcesCommand },
  { name: 'serve', define: defineServeCommand },
  { name: 'worker', define: defineWorkerCommand },
  { name: 'copy', define: defineCopyCommand },
  { name: 'users', define: defineUsersCommand },
  { name: 'migrate', define: defineMigrateCommand },
  { name: 'tokens', define: defineTokensCommand },
  { name: 'audit', define: defineAuditCommand },
  { name: 'ratecard', define: defineRatecardCommand },
  { name: 'release', define: defineReleaseCommand },
  { name: 'deploy', define: defineDeployCommand },
  { name: 'incident', define: defineIncidentCommand },
  { name: 'changes', define: defineChangesCommand },
  { name: 'freeze', define: defineFreezeCommand },
  { name: 'gate', define: defineGateCommand },
  { name: 'kpis', define: defineKpisCommand },
  { name: 'process-cost', define: defineProcessCostCommand },
  { name: 'catalog', define: defineCatalogCommand },
  { name: 'rules', define: defineRulesCommand },
  { name: 'drivers', define: defineDriversCommand },
  { name: 'periods', define: definePeriodsCommand },
  { name: 'allocate', define: defineAllocateCommand },
  { name: 'explain', define: defineExplainCommand },
  { name: 'statement', define: defineStatementCommand },
  { name: 'quality', define: defineQualityCommand },
  { name: 'demo', define: defineDemoCommand },
  { name: 'budgets', define: defineBudgetsCommand },
  { name: 'forecast', define: defineForecastCommand },
  { name: 'anomalies', define: defineAnomaliesCommand },
  { name: 'alerts', define: defineAlertsCommand },
];

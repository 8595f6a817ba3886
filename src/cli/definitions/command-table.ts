import type { Command } from 'commander';

export interface CommandDefinition {
  /** The command's name, also the name of its module: src/cli/commands/<name>-command.ts. */
  name: string;
  /**
   * Imports the command's definition: a function that adds the command (name, description,
   * options, help text) with actions that import its module when they run.
   */
  load: () => Promise<(program: Command) => void>;
  /** The command reads the whole command tree (completion), so every command is defined. */
  needsWholeTree?: boolean;
}

/** Every top-level command, in the order `tollgate --help` lists them. */
export const COMMAND_TABLE: readonly CommandDefinition[] = [
  { name: 'ingest', load: () => import('./ingest-definition.js').then((m) => m.defineIngestCommand) },
  { name: 'costs', load: () => import('./costs-definition.js').then((m) => m.defineCostsCommand) },
  { name: 'sources', load: () => import('./sources-definition.js').then((m) => m.defineSourcesCommand) },
  { name: 'serve', load: () => import('./serve-definition.js').then((m) => m.defineServeCommand) },
  { name: 'worker', load: () => import('./worker-definition.js').then((m) => m.defineWorkerCommand) },
  { name: 'copy', load: () => import('./copy-definition.js').then((m) => m.defineCopyCommand) },
  { name: 'users', load: () => import('./users-definition.js').then((m) => m.defineUsersCommand) },
  { name: 'migrate', load: () => import('./migrate-definition.js').then((m) => m.defineMigrateCommand) },
  { name: 'tokens', load: () => import('./tokens-definition.js').then((m) => m.defineTokensCommand) },
  { name: 'audit', load: () => import('./audit-definition.js').then((m) => m.defineAuditCommand) },
  { name: 'ratecard', load: () => import('./ratecard-definition.js').then((m) => m.defineRatecardCommand) },
  { name: 'release', load: () => import('./release-definition.js').then((m) => m.defineReleaseCommand) },
  { name: 'deploy', load: () => import('./deploy-definition.js').then((m) => m.defineDeployCommand) },
  { name: 'incident', load: () => import('./incident-definition.js').then((m) => m.defineIncidentCommand) },
  { name: 'changes', load: () => import('./changes-definition.js').then((m) => m.defineChangesCommand) },
  { name: 'freeze', load: () => import('./freeze-definition.js').then((m) => m.defineFreezeCommand) },
  { name: 'gate', load: () => import('./gate-definition.js').then((m) => m.defineGateCommand) },
  {
    name: 'conformance',
    load: () => import('./conformance-definition.js').then((m) => m.defineConformanceCommand),
  },
  { name: 'kpis', load: () => import('./kpis-definition.js').then((m) => m.defineKpisCommand) },
  {
    name: 'process-cost',
    load: () => import('./process-cost-definition.js').then((m) => m.defineProcessCostCommand),
  },
  { name: 'catalog', load: () => import('./catalog-definition.js').then((m) => m.defineCatalogCommand) },
  { name: 'rules', load: () => import('./rules-definition.js').then((m) => m.defineRulesCommand) },
  { name: 'drivers', load: () => import('./drivers-definition.js').then((m) => m.defineDriversCommand) },
  { name: 'periods', load: () => import('./periods-definition.js').then((m) => m.definePeriodsCommand) },
  { name: 'allocate', load: () => import('./allocate-definition.js').then((m) => m.defineAllocateCommand) },
  { name: 'explain', load: () => import('./explain-definition.js').then((m) => m.defineExplainCommand) },
  {
    name: 'statement',
    load: () => import('./statement-definition.js').then((m) => m.defineStatementCommand),
  },
  { name: 'quality', load: () => import('./quality-definition.js').then((m) => m.defineQualityCommand) },
  { name: 'demo', load: () => import('./demo-definition.js').then((m) => m.defineDemoCommand) },
  { name: 'budgets', load: () => import('./budgets-definition.js').then((m) => m.defineBudgetsCommand) },
  { name: 'forecast', load: () => import('./forecast-definition.js').then((m) => m.defineForecastCommand) },
  {
    name: 'anomalies',
    load: () => import('./anomalies-definition.js').then((m) => m.defineAnomaliesCommand),
  },
  { name: 'alerts', load: () => import('./alerts-definition.js').then((m) => m.defineAlertsCommand) },
  { name: 'export', load: () => import('./export-definition.js').then((m) => m.defineExportCommand) },
  { name: 'focus', load: () => import('./focus-definition.js').then((m) => m.defineFocusCommand) },
  { name: 'invoices', load: () => import('./invoices-definition.js').then((m) => m.defineInvoicesCommand) },
  { name: 'rates', load: () => import('./rates-definition.js').then((m) => m.defineRatesCommand) },
  { name: 'datasets', load: () => import('./datasets-definition.js').then((m) => m.defineDatasetsCommand) },
  { name: 'dora', load: () => import('./dora-definition.js').then((m) => m.defineDoraCommand) },
  {
    name: 'completion',
    load: () => import('./completion-definition.js').then((m) => m.defineCompletionCommand),
    needsWholeTree: true,
  },
  { name: 'assets', load: () => import('./assets-definition.js').then((m) => m.defineAssetsCommand) },
  { name: 'journal', load: () => import('./journal-definition.js').then((m) => m.defineJournalCommand) },
  { name: 'delivery', load: () => import('./delivery-definition.js').then((m) => m.defineDeliveryCommand) },
  {
    name: 'contracts',
    load: () => import('./contracts-definition.js').then((m) => m.defineContractsCommand),
  },
  { name: 'licences', load: () => import('./licences-definition.js').then((m) => m.defineLicencesCommand) },
  { name: 'pir', load: () => import('./pir-definition.js').then((m) => m.definePirCommand) },
];

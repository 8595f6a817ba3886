import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';

const loadIncidentModule = () => import('../commands/incident-command.js');

export function defineIncidentCommand(program: Command): void {
  const incident = program
    .command('incident')
    .description('Incidents, for DORA change failure rate and time to restore');
  incident
    .command('record')
    .description('Record one incident')
    .requiredOption('--service <id>', 'catalogue service')
    .requiredOption('--env <id>', 'environment')
    .requiredOption('--start <time>', 'when it started (ISO-8601)')
    .option('--id <id>', 'the incident id in your incident tool (default INC-n)')
    .option('--title <text>', 'what happened', '')
    .option('--severity <severity>', 'severity', 'unknown')
    .option('--resolved <time>', 'when it was resolved')
    .option('--deployment <id>', 'the deployment that caused it, when known')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadIncidentModule, (m) => m.runIncidentRecord));
  incident
    .command('import')
    .description(
      'Import incidents from a JSON or YAML file: {incidents: [{id, service, environment, title, severity, startedAt, resolvedAt, deploymentId}]}; all or none',
    )
    .argument('<file>', 'incident export')
    .option('--source <name>', 'the incident tool, part of each incident key', 'import')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadIncidentModule, (m) => m.runIncidentImport));
}

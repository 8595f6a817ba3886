import type { Command } from 'commander';
import { lazyAction } from './lazy-action.js';
import { collect } from './option-parsers.js';

const loadIncidentModule = () => import('../commands/incident-command.js');

export function defineIncidentCommand(program: Command): void {
  const incident = program
    .command('incident')
    .description(
      'Incidents and what they cost, for DORA change fail rate and failed deployment recovery time',
    );
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
    .option('--detected <time>', 'when it was detected (ISO-8601), between start and resolution')
    .option('--also-affects <id>', 'another service the outage hit (repeatable)', collect, [])
    .option(
      '--responder <role:hours>',
      "a responder's rate card role and hours, e.g. sre:2.5 (repeatable)",
      collect,
      [],
    )
    .option('--sla-credits <amount>', 'SLA credits paid for it, in the policy currency')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadIncidentModule, (m) => m.runIncidentRecord));
  incident
    .command('costs')
    .description(
      "What incidents cost: responders' time at the rate card, revenue impact per outage hour from the catalogue, SLA credits; missing parts named",
    )
    .option('--from <date>', 'incidents that started from, YYYY-MM-DD (default 90 days before --to)')
    .option('--to <date>', 'period end (exclusive), YYYY-MM-DD (default now)')
    .option('--service <id>', 'one service')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadIncidentModule, (m) => m.runIncidentCosts));
  incident
    .command('import')
    .description(
      'Import incidents from a JSON or YAML file: {incidents: [{id, service, environment, title, severity, startedAt, resolvedAt, deploymentId, detectedAt, affectedServices, responders: [{role, hours}], slaCredits}]}; all or none',
    )
    .argument('<file>', 'incident export')
    .option('--source <name>', 'the incident tool, part of each incident key', 'import')
    .option('--json', 'print as JSON')
    .action(lazyAction(loadIncidentModule, (m) => m.runIncidentImport));
}

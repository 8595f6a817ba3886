import type { Command } from 'commander';
import { importIncidents, recordIncident } from '../../app/governance/deployments/record-incidents.js';
import { actingUser, parseYamlText } from '../../app/governance/governance-context.js';
import { printJson, withStores } from '../cli-context.js';
import { readInputFile } from './ratecard-command.js';

export function registerIncidentCommand(program: Command): void {
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
    .action(
      async (
        flags: {
          service: string;
          env: string;
          start: string;
          id?: string;
          title: string;
          severity: string;
          resolved?: string;
          deployment?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const record = await withStores(command, (stores) =>
          recordIncident(
            stores,
            {
              id: flags.id,
              service: flags.service,
              environment: flags.env,
              title: flags.title,
              severity: flags.severity,
              startedAt: flags.start,
              resolvedAt: flags.resolved,
              deploymentId: flags.deployment,
            },
            actingUser(undefined, process.env),
          ),
        );
        if (flags.json) printJson(record);
        else
          process.stdout.write(
            `Recorded incident ${record.id} on ${record.service} in ${record.environment} at ${record.startedAt}.\n`,
          );
      },
    );
  incident
    .command('import')
    .description(
      'Import incidents from a JSON or YAML file: {incidents: [{id, service, environment, title, severity, startedAt, resolvedAt, deploymentId}]}; all or none',
    )
    .argument('<file>', 'incident export')
    .option('--source <name>', 'the incident tool, part of each incident key', 'import')
    .option('--json', 'print as JSON')
    .action(async (file: string, flags: { source: string; json?: boolean }, command: Command) => {
      const document = parseYamlText(await readInputFile(file), file);
      const result = await withStores(command, (stores) =>
        importIncidents(stores, document, flags.source, file, actingUser(undefined, process.env)),
      );
      if (flags.json) printJson(result);
      else
        process.stdout.write(`Imported ${result.recorded} incidents (${result.skipped} already recorded).\n`);
    });
}

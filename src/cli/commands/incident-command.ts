import type { Command } from 'commander';
import { importIncidents, recordIncident } from '../../app/governance/deployments/record-incidents.js';
import { actingUser, parseYamlText } from '../../app/governance/governance-context.js';
import { printJson, withStores } from '../cli-context.js';
import { readInputFile } from './ratecard-command.js';
export async function runIncidentRecord(
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
) {
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
}

export async function runIncidentImport(
  file: string,
  flags: { source: string; json?: boolean },
  command: Command,
) {
  const document = parseYamlText(await readInputFile(file), file);
  const result = await withStores(command, (stores) =>
    importIncidents(stores, document, flags.source, file, actingUser(undefined, process.env)),
  );
  if (flags.json) printJson(result);
  else process.stdout.write(`Imported ${result.recorded} incidents (${result.skipped} already recorded).\n`);
}

import type { Command } from 'commander';
import {
  importIncidentsAudited,
  recordIncidentAudited,
} from '../../app/governance/audited/delivery-writes.js';
import { parseYamlText } from '../../app/governance/governance-context.js';
import { listIncidentCosts } from '../../app/governance/incidents/list-incident-costs.js';
import { TollgateError } from '../../core/errors.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';
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
    detected?: string;
    alsoAffects: string[];
    responder: string[];
    slaCredits?: string;
    json?: boolean;
  },
  command: Command,
) {
  const record = await withIdentity(command, 'governance:write', (stores, identity) =>
    recordIncidentAudited(stores, identity, {
      id: flags.id,
      service: flags.service,
      environment: flags.env,
      title: flags.title,
      severity: flags.severity,
      startedAt: flags.start,
      resolvedAt: flags.resolved,
      deploymentId: flags.deployment,
      detectedAt: flags.detected,
      affectedServices: flags.alsoAffects,
      responders: flags.responder.map(parseResponder),
      slaCredits: flags.slaCredits,
    }),
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
  const result = await withIdentity(command, 'governance:write', (stores, identity) =>
    importIncidentsAudited(stores, identity, document, flags.source, file),
  );
  if (flags.json) printJson(result);
  else process.stdout.write(`Imported ${result.recorded} incidents (${result.skipped} already recorded).\n`);
}

/** `sre:2.5` -> {role: 'sre', hours: '2.5'}; the hours are checked with the rest of the incident. */
function parseResponder(text: string) {
  const at = text.lastIndexOf(':');
  if (at <= 0) {
    throw new TollgateError(
      'INCIDENT_BAD_RESPONDER',
      `--responder '${text}' is not role:hours; write it like sre:2.5.`,
      'usage',
    );
  }
  return { role: text.slice(0, at), hours: text.slice(at + 1) };
}

export async function runIncidentCosts(
  flags: { from?: string; to?: string; service?: string; json?: boolean },
  command: Command,
) {
  const report = await withStores(command, (stores) =>
    listIncidentCosts(stores, flags, { from: '--from', to: '--to' }),
  );
  if (flags.json) {
    printJson(report);
    return;
  }
  const money = (value: string | null) => (value === null ? 'missing' : formatAmount(value));
  const lines = [
    `Incidents that started ${report.period.from.slice(0, 10)} to ${report.period.to.slice(0, 10)}${report.service ? `, service ${report.service}` : ''}; amounts in ${report.currency}`,
    renderTable(
      ['incident', 'service', 'severity', 'outage h', 'responders', 'revenue impact', 'SLA credits', 'total'],
      report.incidents.map((i) => [
        i.incidentId,
        i.service,
        i.severity,
        i.outageHours ?? 'open',
        money(i.responderCost),
        money(i.revenueImpact),
        i.slaCredits === null ? '-' : formatAmount(i.slaCredits),
        `${money(i.total)}${i.missing.length ? ' *' : ''}`,
      ]),
      [3, 4, 5, 6, 7],
    ),
    `total ${formatAmount(report.totals.total)} ${report.currency} over ${report.totals.incidents} incidents (responders ${formatAmount(report.totals.responderCost)}, revenue impact ${formatAmount(report.totals.revenueImpact)}, SLA credits ${formatAmount(report.totals.slaCredits)})`,
  ];
  if (report.totals.incomplete > 0) {
    lines.push(`* ${report.totals.incomplete} incidents leave a part out:`);
    for (const i of report.incidents.filter((c) => c.missing.length > 0).slice(0, 20))
      lines.push(`  ${i.incidentId}: ${i.missing.join(' ')}`);
    if (report.totals.incomplete > 20) lines.push('  ... (--json lists every one)');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

import { extname } from 'node:path';
import type { Command } from 'commander';
import { personOf } from '../../app/access/acting-identity.js';
import { openNotifier } from '../../app/alerting/open-notifier.js';
import { readRegisterFile } from '../../app/assets/read-register-file.js';
import { auditRecorder } from '../../app/audit/record-audit.js';
import { todayUtc } from '../../app/budget/budget-status-report.js';
import { loadVendorContracts } from '../../app/contracts/manage-vendor-contracts.js';
import { recordCreditReceived, recordSlaBreach } from '../../app/contracts/record-sla-breach.js';
import { listRenewals, raiseRenewalAlerts } from '../../app/contracts/renewal-alerts.js';
import { listContractSummaries, showContract } from '../../app/contracts/report-contracts.js';
import { withActingIdentity } from '../acting-as.js';
import { printJson, readServerSettings, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { renderTable } from '../output/render-table.js';

const missing = (value: string | null) => value ?? 'n/a';

export async function runContractsLoad(
  file: string,
  flags: { by?: string; json?: boolean },
  command: Command,
) {
  const result = await withActingIdentity(command, 'sources:write', flags.by, async (stores, identity) =>
    loadVendorContracts(
      stores,
      await readRegisterFile(stores, file, 'contracts'),
      { what: `The contracts file ${file}`, firstLine: extname(file).toLowerCase() === '.csv' ? 2 : null },
      personOf(identity),
      auditRecorder(stores, identity.actor),
    ),
  );
  if (flags.json) return printJson(result);
  process.stdout.write(
    `Loaded ${file}: ${result.created.length} added, ${result.updated.length} changed, ${result.unchanged.length} unchanged.\n`,
  );
}

export async function runContractsList(flags: { json?: boolean }, command: Command) {
  const contracts = await withStores(command, (stores) => listContractSummaries(stores));
  if (flags.json) return printJson(contracts);
  if (contracts.length === 0) {
    process.stdout.write('No vendor contracts; load some with tollgate contracts load <file>.\n');
    return;
  }
  process.stdout.write(
    `${renderTable(
      [
        'id',
        'vendor',
        'team',
        'ends',
        'notice by',
        'currency',
        'committed',
        'actual',
        'credit owed',
        'received',
      ],
      contracts.map((contract) => [
        contract.id,
        contract.vendor,
        contract.ownerTeam,
        contract.endsOn,
        contract.noticeBy,
        contract.currency,
        missing(contract.committedSpend),
        missing(contract.actualSpend),
        contract.creditOwed,
        contract.creditReceived,
      ]),
      [6, 7, 8, 9],
    )}\n(n/a: no commitment in the contract, or no bill line of the vendor in the term)\n`,
  );
}

export async function runContractsShow(id: string, flags: { json?: boolean }, command: Command) {
  const shown = await withStores(command, (stores) => showContract(stores, id));
  if (flags.json) return printJson(shown);
  const { contract } = shown;
  process.stdout.write(
    `${contract.id} with ${contract.vendor}, owned by ${contract.ownerTeam}; version ${shown.version}\n` +
      `term ${contract.startsOn} to ${contract.endsOn}, ${contract.autoRenews ? 'renews' : 'lapses'} unless notice by ${shown.noticeBy} (${contract.noticeDays} days)\n` +
      `committed ${missing(contract.committedSpend)} ${contract.currency}, fee ${missing(contract.monthlyFee)} a month, escalation ${contract.escalationPercent}% a year\n`,
  );
  for (const sla of contract.slas)
    process.stdout.write(
      `SLA ${sla.name}: target ${sla.target}% (${sla.measurement}); credits ${sla.credits.map((step) => `below ${step.below}%: ${step.creditPercent}%`).join(', ')}\n`,
    );
  if (shown.breaches.length > 0)
    process.stdout.write(
      `${renderTable(
        ['breach', 'measured', 'incident', 'credit owed', 'received', 'on'],
        shown.breaches.map((breach) => [
          breach.id,
          `${breach.measured}%`,
          breach.incidentId ?? '',
          breach.creditOwed,
          breach.creditReceived ?? 'not yet',
          breach.receivedOn ?? '',
        ]),
        [3, 4],
      )}\n`,
    );
}

export async function runContractsRenewals(
  options: { within?: string; asOf?: string; alert?: boolean; json?: boolean },
  command: Command,
) {
  const flags = { ...options, within: options.within ?? readServerSettings(command).renewalWindowDays };
  const asOf = flags.asOf ?? todayUtc();
  if (flags.alert) {
    // Raising alerts is a write: a token needs the role the API asks for the same action.
    const result = await withIdentity(command, 'sources:write', (stores, identity) =>
      raiseRenewalAlerts(
        stores,
        openNotifier({ allowPrivate: readServerSettings(command).webhookAllowPrivate }),
        asOf,
        flags.within,
        identity.actor,
      ),
    );
    if (flags.json) return printJson(result);
    process.stdout.write(
      `${result.notices.length} notice(s) due within ${flags.within} days of ${asOf}: ${result.opened.length} alert(s) opened, ${result.stillOpen.length} still open, ${result.resolved.length} resolved; ${result.deliveries.filter((d) => d.delivered).length} of ${result.deliveries.length} deliveries sent.\n`,
    );
    return;
  }
  const notices = await withStores(command, (stores) => listRenewals(stores, asOf, flags.within));
  if (flags.json) return printJson({ asOf, within: Number(flags.within), notices });
  if (notices.length === 0) {
    process.stdout.write(`No notice deadline within ${flags.within} days of ${asOf}.\n`);
    return;
  }
  process.stdout.write(
    `${renderTable(
      ['contract', 'vendor', 'team', 'notice by', 'days left', 'ends', 'then'],
      notices.map((notice) => [
        notice.contractId,
        notice.vendor,
        notice.ownerTeam,
        notice.noticeBy,
        notice.status === 'notice-passed' ? 'passed' : String(notice.daysToNotice),
        notice.endsOn,
        notice.autoRenews ? 'renews' : 'lapses',
      ]),
    )}\n`,
  );
}

export async function runContractsBreach(
  contractId: string,
  flags: { sla: string; month: string; measured: string; incident?: string; by?: string; json?: boolean },
  command: Command,
) {
  const saved = await withActingIdentity(command, 'sources:write', flags.by, (stores, identity) =>
    recordSlaBreach(
      stores,
      {
        contractId,
        sla: flags.sla,
        month: flags.month,
        measured: flags.measured,
        ...(flags.incident ? { incidentId: flags.incident } : {}),
      },
      personOf(identity),
      auditRecorder(stores, identity.actor),
    ),
  );
  if (flags.json) return printJson(saved);
  process.stdout.write(
    `Recorded breach ${saved.record.id}: ${saved.record.measured}% against ${saved.record.sla}; credit owed ${saved.record.creditOwed}.\n`,
  );
}

export async function runContractsCredit(
  id: string,
  flags: { amount: string; receivedOn: string; by?: string; json?: boolean },
  command: Command,
) {
  const saved = await withActingIdentity(command, 'sources:write', flags.by, (stores, identity) =>
    recordCreditReceived(
      stores,
      id,
      { amount: flags.amount, receivedOn: flags.receivedOn },
      personOf(identity),
      auditRecorder(stores, identity.actor),
    ),
  );
  if (flags.json) return printJson(saved);
  process.stdout.write(
    `Recorded ${saved.record.creditReceived} received on ${saved.record.receivedOn} for ${id} (owed ${saved.record.creditOwed}).\n`,
  );
}

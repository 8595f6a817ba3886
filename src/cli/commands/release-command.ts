import type { Command } from 'commander';
import {
  closeReleaseAudited,
  createReleaseAudited,
  logReleaseTimeAudited,
} from '../../app/governance/audited/release-writes.js';
import { parseYamlText } from '../../app/governance/governance-context.js';
import {
  estimateWithCorrection,
  listReleases,
  showRelease,
} from '../../app/governance/releases/manage-releases.js';
import { rebaselineRelease } from '../../app/governance/releases/rebaseline-release.js';
import { reportReleaseActuals } from '../../app/governance/releases/release-actuals-report.js';
import { TollgateError } from '../../core/errors.js';
import { withActingIdentity } from '../acting-as.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';
import { readInputFile } from './ratecard-command.js';
import { askedReleaseCurrencyFlag, describeReleaseConversion } from './release-reporting-currency.js';

interface CreateFlags {
  file?: string;
  id?: string;
  name?: string;
  service?: string[];
  currency?: string;
  budget?: string;
  planned?: string;
  costOfDelay?: string;
  spendClass?: string;
  spendReason?: string;
  at?: string;
  by?: string;
  json?: boolean;
}

export async function runReleaseCreate(flags: CreateFlags, command: Command) {
  let document: unknown;
  let where: string;
  if (flags.file) {
    document = parseYamlText(await readInputFile(flags.file), flags.file);
    where = flags.file;
  } else {
    if (!flags.id)
      throw new TollgateError(
        'RELEASE_USAGE',
        'Give --file release.yaml, or at least --id, --name, --service, --planned, --spend-class and --spend-reason.',
        'usage',
      );
    document = {
      id: flags.id,
      name: flags.name,
      services: flags.service ?? [],
      currency: flags.currency,
      budget: flags.budget,
      plannedDate: flags.planned,
      costOfDelayPerWeek: flags.costOfDelay,
      spendClass: flags.spendClass,
      spendReason: flags.spendReason,
    };
    where = 'flags';
  }
  const result = await withActingIdentity(command, 'governance:write', flags.by, (stores, identity) =>
    createReleaseAudited(stores, identity, document, where, flags.at),
  );
  if (flags.json) printJson(result);
  else
    process.stdout.write(
      `Created release ${result.release.id}: estimate ${formatAmount(result.estimate.total)} ${result.release.currency}, budget ${result.release.budget ? formatAmount(result.release.budget) : 'none'}.\n`,
    );
}

export async function runReleaseShow(
  id: string,
  flags: { json?: boolean; currency?: string },
  command: Command,
) {
  const reporting = askedReleaseCurrencyFlag(flags.currency, command);
  const report = await withStores(command, (stores) => showRelease(stores, id, undefined, reporting));
  if (flags.json) {
    printJson(report);
    return;
  }
  const r = report.release;
  const c = report.conversion?.currency ?? r.currency;
  process.stdout.write(
    [
      `${r.id}  ${r.name}  [${r.status}]  services: ${r.services.join(', ')}  planned ${r.plannedDate}  ${r.spendClass.toUpperCase()} (${r.spendReason})`,
      `estimate ${formatAmount(report.estimate.total)} ${c} (labour ${formatAmount(report.estimate.labour)}, licences ${formatAmount(report.estimate.licences)}, environments ${formatAmount(report.estimate.environments)}, contingency ${formatAmount(report.estimate.contingency)})`,
      `actual   ${formatAmount(report.variance.actual)} ${c}${report.actuals.complete ? '' : ' (at least: parts missing)'} (${(
        [
          ['cloud', report.actuals.cloud],
          ['labour', report.actuals.labour],
          ['pipeline', report.actuals.pipeline],
          ['deployment process', report.actuals.deploymentProcess],
        ] as const
      )
        .map(([name, value]) => `${name} ${value ? formatAmount(value) : 'missing'}`)
        .join(
          ', ',
        )}; ${report.actuals.deploymentCount} deployments, ${report.actuals.failedDeployments} failed)`,
      `variance ${report.variance.variance === null ? `unknown: ${report.variance.varianceUnknown}` : `${formatAmount(report.variance.variance)} ${c}${report.variance.variancePercent === null ? '' : ` (${report.variance.variancePercent}%)`}`}; budget ${r.budget ? `${formatAmount(r.budget)}, remaining ${formatAmount(report.variance.budgetRemaining!)}` : 'none configured'}`,
      `cost of delay ${formatAmount(r.costOfDelayPerWeek)} ${r.currency}/week`,
      ...describeReleaseConversion(report.conversion),
      ...report.notes,
    ].join('\n') + '\n',
  );
}

export async function runReleaseList(flags: { json?: boolean; currency?: string }, command: Command) {
  const reporting = askedReleaseCurrencyFlag(flags.currency, command);
  const rows = await withStores(command, (stores) => listReleases(stores, reporting));
  if (flags.json) {
    printJson(rows);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('No releases yet; create one with tollgate release create --file release.yaml\n');
    return;
  }
  process.stdout.write(
    `${renderTable(
      ['id', 'status', 'planned', 'services', 'currency', 'budget', 'estimate', 'actual', 'variance'],
      rows.map((r) => [
        r.id,
        r.status,
        r.plannedDate,
        r.services.join(','),
        r.conversion?.currency ?? r.currency,
        r.budget ? formatAmount(r.budget) : '-',
        formatAmount(r.estimate),
        r.missing.length === 4 ? 'missing' : `${formatAmount(r.actual)}${r.missing.length > 0 ? ' *' : ''}`,
        r.variance === null ? 'unknown †' : formatAmount(r.variance),
      ]),
      [5, 6, 7, 8],
    )}\n${rows.some((r) => r.missing.length > 0) ? '* some parts of the actuals are missing (tollgate release actuals <id> says which): the actual is a lower bound.\n' : ''}${rows.some((r) => r.variance === null) ? '† variance unknown: the actual has no cloud cost from the bill yet (tollgate release show <id> says why).\n' : ''}${rows
      .filter((r) => r.error)
      .map((r) => `${r.id} is in its own currency ${r.currency}: ${r.error!.message}\n`)
      .join(
        '',
      )}${rows.some((r) => r.conversion) ? `${describeReleaseConversion(rows.find((r) => r.conversion)!.conversion).join('')}\n` : ''}`,
  );
}

export async function runReleaseEstimate(id: string, flags: { json?: boolean }, command: Command) {
  const result = await withStores(command, (stores) => estimateWithCorrection(stores, id));
  if (flags.json) {
    printJson(result);
    return;
  }
  process.stdout.write(
    `${renderTable(
      ['kind', 'item', 'quantity', 'rate', 'amount'],
      result.estimate.lines.map((l) => [l.kind, l.item, l.quantity, l.rate, formatAmount(l.amount)]),
      [2, 3, 4],
    )}\n` +
      `subtotal ${formatAmount(result.estimate.subtotal)}, contingency ${formatAmount(result.estimate.contingency)}, total ${formatAmount(result.estimate.total)} ${result.currency}\n` +
      `correction factor ${result.correctionFactor} -> corrected ${formatAmount(result.correctedTotal)} ${result.currency}\n` +
      `${result.correctionBasis}\n`,
  );
}

export async function runReleaseClose(
  id: string,
  flags: { at?: string; by?: string; json?: boolean },
  command: Command,
) {
  const closing = await withActingIdentity(command, 'governance:write', flags.by, (stores, identity) =>
    closeReleaseAudited(stores, identity, id, flags.at),
  );
  if (flags.json) printJson(closing);
  else
    process.stdout.write(
      `Closed ${id}: estimate ${formatAmount(closing.estimate)}, actual ${formatAmount(closing.variance.actual)}${closing.actuals.complete ? '' : ` (at least: ${closing.actuals.missing.join(', ')} missing)`}, variance ${closing.variance.variance === null ? `unknown (${closing.variance.varianceUnknown})` : formatAmount(closing.variance.variance)}.\n`,
    );
}

export async function runReleaseLogTime(
  id: string,
  flags: { person: string; role: string; hours: string; date: string; note?: string; json?: boolean },
  command: Command,
) {
  const entry = await withIdentity(command, 'governance:write', (stores, identity) =>
    logReleaseTimeAudited(stores, identity, {
      releaseId: id,
      person: flags.person,
      role: flags.role,
      hours: flags.hours,
      date: flags.date,
      note: flags.note,
    }),
  );
  if (flags.json) printJson(entry);
  else
    process.stdout.write(
      `Booked ${entry.hours} h of ${entry.role} on ${entry.date} to ${id}: ${formatAmount(entry.amount)} at ${entry.hourlyRate}/h.\n`,
    );
}

const PART_NAMES = {
  cloud: 'cloud (allocated bill)',
  labour: 'labour booked',
  pipeline: 'pipeline',
  deploymentProcess: 'deployment process',
} as const;

export async function runReleaseActuals(
  id: string,
  flags: { json?: boolean; currency?: string },
  command: Command,
) {
  const reporting = askedReleaseCurrencyFlag(flags.currency, command);
  const report = await withStores(command, (stores) => reportReleaseActuals(stores, id, reporting));
  if (flags.json) {
    printJson(report);
    return;
  }
  const { actuals } = report;
  const c = actuals.currency;
  const lines = [
    `${report.release.id}  ${report.release.name}  [${report.release.status}]  services: ${report.release.services.join(', ')}`,
    `deployment window: ${actuals.window ? `${actuals.window.from} .. ${actuals.window.to}` : 'none (no deployment yet)'}; cloud by ${actuals.cloudMethod}`,
    renderTable(
      ['part', `amount ${c}`],
      actuals.parts.map((p) => [PART_NAMES[p.part], p.amount === null ? 'missing' : formatAmount(p.amount)]),
      [1],
    ),
    ...actuals.parts.map((p) => `${PART_NAMES[p.part]}: ${p.method}`),
    `actual ${formatAmount(actuals.known)} ${c}${actuals.complete ? '' : ' (incomplete: a part is missing, so this is a lower bound)'}`,
    renderTable(
      ['baseline', 'reason', `estimate ${c}`, `variance ${c}`, '%'],
      report.baselines.map((b) => [
        String(b.version),
        b.reason,
        formatAmount(b.estimate),
        b.variance === null ? 'unknown' : formatAmount(b.variance),
        b.variancePercent ?? '-',
      ]),
      [0, 2, 3, 4],
    ),
    ...actuals.parts
      .filter((p) => p.part === 'cloud' && p.sources.length > 0)
      .flatMap((p) =>
        p.sources.map(
          (s) =>
            `  ${s.what} -> ${formatAmount(s.amount)} ${c}${s.costs ? `  (lines: tollgate costs --by resource${s.costs.from ? ` --from ${s.costs.from} --to ${s.costs.to}` : ''} ${s.costs.filters.map((f) => `--filter '${f}'`).join(' ')})` : ''}`,
        ),
      ),
    ...describeReleaseConversion(report.conversion),
    ...actuals.warnings.map((w) => `warning: ${w}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export async function runReleaseRebaseline(
  id: string,
  flags: { file: string; reason: string; at?: string; json?: boolean },
  command: Command,
) {
  const estimate = parseYamlText(await readInputFile(flags.file), flags.file);
  const baseline = await withIdentity(command, 'governance:write', (stores, identity) =>
    rebaselineRelease(
      stores,
      { releaseId: id, estimate, reason: flags.reason, at: flags.at },
      identity.actor,
      flags.file,
    ),
  );
  if (flags.json) printJson(baseline);
  else
    process.stdout.write(
      `Re-baselined ${id}: estimate version ${baseline.version}, total ${formatAmount(baseline.total)} (${baseline.reason}). The earlier estimates are kept.\n`,
    );
}

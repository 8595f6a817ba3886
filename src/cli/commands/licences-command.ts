import { extname } from 'node:path';
import type { Command } from 'commander';
import { personOf } from '../../app/access/acting-identity.js';
import { readRegisterFile } from '../../app/assets/read-register-file.js';
import { auditRecorder } from '../../app/audit/record-audit.js';
import { loadLicenceUsage } from '../../app/contracts/load-licence-usage.js';
import { loadLicences } from '../../app/contracts/manage-licences.js';
import { postLicenceCosts } from '../../app/contracts/post-licence-costs.js';
import { listLicenceCompliance } from '../../app/contracts/report-licences.js';
import { withActingIdentity } from '../acting-as.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { renderTable } from '../output/render-table.js';

const firstLine = (file: string) => (extname(file).toLowerCase() === '.csv' ? 2 : null);

export async function runLicencesLoad(
  file: string,
  flags: { by?: string; json?: boolean },
  command: Command,
) {
  const result = await withActingIdentity(command, 'sources:write', flags.by, async (stores, identity) =>
    loadLicences(
      stores,
      await readRegisterFile(stores, file, 'licences'),
      { what: `The licences file ${file}`, firstLine: firstLine(file) },
      personOf(identity),
      auditRecorder(stores, identity.actor),
    ),
  );
  if (flags.json) return printJson(result);
  process.stdout.write(
    `Loaded ${file}: ${result.created.length} added, ${result.updated.length} changed, ${result.unchanged.length} unchanged.\n`,
  );
}

export async function runLicencesUsage(
  file: string,
  flags: { by?: string; asOf?: string; json?: boolean },
  command: Command,
) {
  const result = await withActingIdentity(command, 'sources:write', flags.by, async (stores, identity) =>
    loadLicenceUsage(
      stores,
      await readRegisterFile(stores, file, 'usage'),
      { what: `The usage file ${file}`, firstLine: firstLine(file) },
      personOf(identity),
      auditRecorder(stores, identity.actor),
      flags.asOf === undefined ? {} : { asOf: flags.asOf },
    ),
  );
  if (flags.json) return printJson(result);
  process.stdout.write(
    `Loaded usage from ${file}: ${result.created.length} new snapshot(s), ${result.updated.length} replaced, ${result.unchanged.length} unchanged (licence@day).\n`,
  );
}

export async function runLicencesList(flags: { asOf?: string; json?: boolean }, command: Command) {
  const licences = await withStores(command, (stores) => listLicenceCompliance(stores, flags.asOf));
  if (flags.json) return printJson(licences);
  if (licences.length === 0) {
    process.stdout.write('No licences; load some with tollgate licences load <file>.\n');
    return;
  }
  const shown = (value: number | string | null) => (value === null ? 'no usage' : String(value));
  process.stdout.write(
    `${renderTable(
      [
        'licence',
        'product',
        'metric',
        'entitled',
        'used',
        'status',
        'currency',
        'shortfall cost',
        'shelfware cost',
        'usage as of',
      ],
      licences.map((licence) => [
        licence.licenceId,
        licence.product,
        licence.metric,
        String(licence.entitled),
        shown(licence.used),
        licence.status,
        licence.currency,
        shown(licence.shortfallCost),
        shown(licence.shelfwareCost),
        licence.usageAsOf ?? 'no usage',
      ]),
      [3, 4, 7, 8],
    )}\n`,
  );
}

export async function runLicencesPost(flags: { through: string; json?: boolean }, command: Command) {
  const posted = await withIdentity(command, 'sources:write', (stores, { actor }) =>
    postLicenceCosts(stores, {
      through: flags.through,
      recordChange: auditRecorder(stores, actor),
    }),
  );
  if (flags.json) return printJson(posted);
  const totals = posted.totals.map((total) => `${total.amount} ${total.currency}`).join(', ');
  process.stdout.write(
    posted.status === 'already-loaded'
      ? `Licence cost through ${posted.through} was already posted; nothing changed.\n`
      : `Posted licence cost through ${posted.through}: ${posted.lines} lines for ${posted.licences} licences (load #${posted.loadId}), ${totals}.\n`,
  );
}

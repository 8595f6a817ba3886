import { extname } from 'node:path';
import type { Command } from 'commander';
import { personOf } from '../../app/access/acting-identity.js';
import { rollUpCapexOpex } from '../../app/assets/capex-opex-rollup.js';
import { loadAssetRegister } from '../../app/assets/manage-asset-register.js';
import { postDepreciation } from '../../app/assets/post-depreciation.js';
import { readRegisterFile } from '../../app/assets/read-register-file.js';
import { readDiscoveryFile, reconcileAssets } from '../../app/assets/reconcile-assets.js';
import { listAssetSummaries, showAsset } from '../../app/assets/report-assets.js';
import { auditRecorder } from '../../app/audit/record-audit.js';
import { withActingIdentity } from '../acting-as.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { renderTable } from '../output/render-table.js';

export async function runAssetsLoad(file: string, flags: { by?: string; json?: boolean }, command: Command) {
  const result = await withActingIdentity(command, 'sources:write', flags.by, async (stores, identity) => {
    const records = await readRegisterFile(stores, file, 'assets');
    return loadAssetRegister(
      stores,
      records,
      { what: `The register ${file}`, firstLine: extname(file).toLowerCase() === '.csv' ? 2 : null },
      personOf(identity),
      auditRecorder(stores, identity.actor),
    );
  });
  if (flags.json) {
    printJson(result);
    return;
  }
  process.stdout.write(
    `Loaded ${file}: ${result.created.length} added, ${result.updated.length} changed, ${result.unchanged.length} unchanged.\n`,
  );
}

export async function runAssetsList(
  flags: { asOf?: string; team?: string; status?: string; json?: boolean },
  command: Command,
) {
  const asOf = flags.asOf ?? new Date().toISOString().slice(0, 7);
  const assets = await withStores(command, (stores) =>
    listAssetSummaries(stores, { asOf, team: flags.team, status: flags.status }),
  );
  if (flags.json) {
    printJson({ asOf, assets });
    return;
  }
  if (assets.length === 0) {
    process.stdout.write('No assets in the register match; load some with tollgate assets load <file>.\n');
    return;
  }
  process.stdout.write(
    `${renderTable(
      ['id', 'class', 'team', 'status', 'currency', 'cost', `book ${asOf}`, `charged ${asOf}`],
      assets.map((asset) => [
        asset.id,
        asset.assetClass,
        asset.ownerTeam,
        asset.status,
        asset.currency,
        asset.acquisitionCost,
        asset.bookValue,
        asset.chargedInMonth,
      ]),
      [5, 6, 7],
    )}\n`,
  );
}

export async function runAssetsShow(id: string, flags: { json?: boolean }, command: Command) {
  const shown = await withStores(command, (stores) => showAsset(stores, id));
  if (flags.json) {
    printJson(shown);
    return;
  }
  const { asset } = shown;
  process.stdout.write(
    `${asset.id} (${asset.assetClass}), owned by ${asset.ownerTeam}${asset.ownerService ? `/${asset.ownerService}` : ''}, ${asset.status}; version ${shown.version}\n` +
      `cost ${asset.acquisitionCost} ${asset.currency}, salvage ${asset.salvageValue}, ${asset.usefulLifeMonths} months ${asset.method} (${asset.convention}) from ${asset.inServiceOn ?? 'not yet in service'}\n`,
  );
  if (shown.schedule.length === 0) {
    process.stdout.write('No depreciation schedule: the asset is not in service.\n');
    return;
  }
  process.stdout.write(
    `${renderTable(
      ['month', 'depreciation', 'impairment', 'write-off', 'book value'],
      shown.schedule.map((month) => [
        month.month,
        month.depreciation,
        month.impairment,
        month.writeOff,
        month.bookValue,
      ]),
      [1, 2, 3, 4],
    )}\n`,
  );
}

export async function runAssetsPost(flags: { through: string; json?: boolean }, command: Command) {
  const posted = await withIdentity(command, 'sources:write', (stores, { actor }) =>
    postDepreciation(stores, {
      through: flags.through,
      recordChange: auditRecorder(stores, actor),
    }),
  );
  if (flags.json) {
    printJson(posted);
    return;
  }
  const totals = posted.totals.map((total) => `${total.amount} ${total.currency}`).join(', ');
  process.stdout.write(
    posted.status === 'already-loaded'
      ? `Depreciation through ${posted.through} was already posted; nothing changed.\n`
      : `Posted depreciation through ${posted.through}: ${posted.lines} lines for ${posted.assets} assets (load #${posted.loadId}), ${totals}.\n`,
  );
}

export async function runAssetsCapexOpex(
  flags: { by: string; from?: string; to?: string; json?: boolean },
  command: Command,
) {
  const rows = await withStores(command, (stores) =>
    rollUpCapexOpex(stores, { ...flags, labels: { from: '--from', to: '--to' } }),
  );
  if (flags.json) {
    printJson(rows);
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('No cost lines in that range; ingest bills or post depreciation first.\n');
    return;
  }
  process.stdout.write(
    `${renderTable(
      ['month', flags.by, 'currency', 'capex', 'opex'],
      rows.map((row) => [row.month, row.owner ?? '(none)', row.currency, row.capex, row.opex]),
      [3, 4],
    )}\n`,
  );
}

export async function runAssetsReconcile(
  flags: { discovery?: string; provider?: string; from?: string; to?: string; json?: boolean },
  command: Command,
) {
  const report = await withStores(command, async (stores) =>
    reconcileAssets(stores, {
      ...(flags.discovery ? { discovery: await readDiscoveryFile(stores, flags.discovery) } : {}),
      provider: flags.provider,
      from: flags.from,
      to: flags.to,
      labels: { from: '--from', to: '--to' },
    }),
  );
  if (flags.json) {
    printJson(report);
    return;
  }
  const { counts } = report;
  process.stdout.write(
    `${counts.assets} assets: ${counts.matched} matched, ${counts.notSeen} in the register but not seen; ${counts.notInRegister} seen but not in the register.\n`,
  );
  if (report.notSeen.length > 0) process.stdout.write(`Not seen: ${report.notSeen.join(', ')}\n`);
  if (report.notInRegister.length > 0)
    process.stdout.write(
      `${renderTable(
        ['seen in', 'resource id', 'hostname', 'serial'],
        report.notInRegister.map((item) => [
          item.source,
          item.resourceId ?? '',
          item.hostname ?? '',
          item.serial ?? '',
        ]),
      )}\n`,
    );
}

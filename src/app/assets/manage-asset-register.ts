import type { Asset } from '../../core/assets/asset-model.js';
import { readAsset } from '../../core/assets/read-asset.js';
import type { CatalogIndex } from '../../core/catalog/catalog-index.js';
import { TollgateError } from '../../core/errors.js';
import type { AssetVersion } from '../../ports/asset-store.js';
import type { Stores } from '../../ports/stores.js';
import { requireCurrentCatalog } from '../allocation/manage-catalog.js';
import type { RecordChange } from '../audit/record-audit.js';

/** What a load or a single change did to the register. */
export interface RegisterChange {
  created: string[];
  updated: string[];
  unchanged: string[];
}

const MAX_PROBLEMS = 50;

/** One refusal listing every problem, record by record, as the caller names the records. */
function invalidRegister(what: string, problems: string[]): TollgateError {
  const shown = problems.slice(0, MAX_PROBLEMS).map((problem) => `  ${problem}`);
  if (problems.length > MAX_PROBLEMS) shown.push(`  ... and ${problems.length - MAX_PROBLEMS} more`);
  return new TollgateError(
    'ASSET_INVALID',
    `${what} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was changed. Fix them and try again:\n${shown.join('\n')}`,
    'invalid-input',
    { problems },
  );
}

/** Owners must be the catalogue's teams and services, so statements can follow them. */
function ownerProblems(asset: Asset, index: CatalogIndex): string[] {
  const problems: string[] = [];
  if (!index.teams.has(asset.ownerTeam))
    problems.push(`ownerTeam '${asset.ownerTeam}' is not a team of the service catalogue`);
  if (asset.ownerService !== null && !index.services.has(asset.ownerService))
    problems.push(`ownerService '${asset.ownerService}' is not a service of the service catalogue`);
  return problems;
}

/**
 * Checks records as a whole: each is read (readAsset), owners are looked up in the current
 * catalogue, and an id may appear once. Returns the assets only when nothing is wrong.
 * `label(i)` names record i in messages (a CSV line, a list position).
 */
export async function checkAssetRecords(
  stores: Stores,
  records: readonly Record<string, unknown>[],
  label: (index: number) => string,
): Promise<{ assets: Asset[]; problems: string[] }> {
  const { index } = await requireCurrentCatalog(stores);
  const problems: string[] = [];
  const assets: Asset[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, position) => {
    const read = readAsset(record);
    const found = read.asset ? [...read.problems, ...ownerProblems(read.asset, index)] : read.problems;
    for (const problem of found) problems.push(`${label(position)}: ${problem}`);
    if (!read.asset) return;
    const first = seen.get(read.asset.id);
    if (first !== undefined)
      problems.push(`${label(position)}: duplicate id '${read.asset.id}', already given at ${label(first)}`);
    else seen.set(read.asset.id, position);
    assets.push(read.asset);
  });
  return { assets, problems };
}

const sameAsset = (a: Asset, b: Asset) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Saves assets in one transaction: new ids get version 1, changed ones their next version,
 * identical ones nothing; each change is one audit entry with the asset before and after.
 */
async function saveAssets(
  stores: Stores,
  assets: readonly Asset[],
  actor: string,
  recordChange: RecordChange,
): Promise<RegisterChange> {
  return stores.transaction(async () => {
    const current = new Map((await stores.assets.listAssets()).map((version) => [version.asset.id, version]));
    const changed = assets.filter((asset) => {
      const before = current.get(asset.id);
      return !before || !sameAsset(before.asset, asset);
    });
    const versions = await stores.assets.saveAssetVersions(changed, actor);
    const result: RegisterChange = { created: [], updated: [], unchanged: [] };
    for (const [index, asset] of changed.entries()) {
      const before = current.get(asset.id);
      (before ? result.updated : result.created).push(asset.id);
      await recordChange({
        action: before ? 'assets.update' : 'assets.create',
        target: `asset:${asset.id}`,
        before: before ? { version: before.version, asset: before.asset } : null,
        after: { version: versions[index], asset },
      });
    }
    result.unchanged = assets.filter((asset) => !changed.includes(asset)).map((asset) => asset.id);
    return result;
  });
}

/**
 * Loads register records (from a file): every record is checked first and any problem refuses
 * the whole load; then each asset is created or updated as one audited change.
 */
export async function loadAssetRegister(
  stores: Stores,
  records: readonly Record<string, unknown>[],
  source: { what: string; firstLine: number | null },
  actor: string,
  recordChange: RecordChange,
): Promise<RegisterChange> {
  const label = (index: number) =>
    source.firstLine === null ? `asset ${index + 1}` : `line ${source.firstLine + index}`;
  const { assets, problems } = await checkAssetRecords(stores, records, label);
  if (problems.length > 0) throw invalidRegister(source.what, problems);
  if (assets.length === 0)
    throw new TollgateError('ASSET_INVALID', `${source.what} holds no assets; nothing was changed.`);
  return saveAssets(stores, assets, actor, recordChange);
}

/** Adds one asset; an id already in the register is refused (change it with updateAsset). */
export async function createAsset(
  stores: Stores,
  record: Record<string, unknown>,
  actor: string,
  recordChange: RecordChange,
): Promise<AssetVersion> {
  const { assets, problems } = await checkAssetRecords(stores, [record], () => 'the asset');
  if (problems.length > 0) throw invalidRegister('The asset', problems);
  const asset = assets[0]!;
  return stores.transaction(async () => {
    if (await stores.assets.getAsset(asset.id)) {
      throw new TollgateError(
        'ASSET_EXISTS',
        `Asset ${asset.id} is already in the register; change it with an update instead, or choose another id.`,
        'conflict',
      );
    }
    await saveAssets(stores, [asset], actor, recordChange);
    return (await stores.assets.getAsset(asset.id))!;
  });
}

/**
 * Changes some fields of an asset (a field set to null clears it); the result is checked as a
 * whole, and saved as the asset's next version unless nothing changed.
 */
export async function updateAsset(
  stores: Stores,
  id: string,
  changes: Record<string, unknown>,
  actor: string,
  recordChange: RecordChange,
): Promise<AssetVersion & { changed: boolean }> {
  return stores.transaction(async () => {
    const current = await requireAsset(stores, id);
    if ('id' in changes && changes.id !== id) {
      throw new TollgateError(
        'ASSET_INVALID',
        `An asset's id cannot change (${id}); add a new asset instead.`,
      );
    }
    const merged: Record<string, unknown> = { ...current.asset, ...changes };
    const { assets, problems } = await checkAssetRecords(stores, [merged], () => `asset ${id}`);
    if (problems.length > 0) throw invalidRegister(`The change to asset ${id}`, problems);
    const result = await saveAssets(stores, assets, actor, recordChange);
    return { ...(await requireAsset(stores, id)), changed: result.updated.length > 0 };
  });
}

export async function requireAsset(stores: Stores, id: string): Promise<AssetVersion> {
  const found = await stores.assets.getAsset(id);
  if (!found) {
    throw new TollgateError(
      'ASSET_NOT_FOUND',
      `There is no asset ${id} in the register; list the assets to see their ids.`,
      'not-found',
    );
  }
  return found;
}

import type { Asset } from './asset-model.js';

/** Something a source saw: a billing line's resource, or a discovery row. */
export interface SeenResource {
  source: 'billing' | 'discovery';
  resourceId: string | null;
  hostname: string | null;
  serial: string | null;
}

export type MatchKey = 'resource-id' | 'hostname' | 'serial';

export interface RegisterReconciliation {
  matched: { assetId: string; sources: SeenResource['source'][]; by: MatchKey[] }[];
  /** In the register (not disposed) but seen by no source. */
  notSeen: string[];
  /** Seen by a source but matching no asset. */
  notInRegister: SeenResource[];
}

const normal = (text: string | null) =>
  text === null || text.trim() === '' ? null : text.trim().toLowerCase();

/**
 * Matches the register against what billing and discovery saw.
 * 1. Each asset is indexed by its resource id, hostname and serial (trimmed, case-folded).
 * 2. Each seen resource matches every asset sharing any of those keys; the asset records the
 *    sources and keys that found it.
 * 3. Assets not disposed that nothing found are "not seen"; seen resources that found no asset
 *    are "not in the register". Disposed assets still match (a disposed server still billed is
 *    worth knowing) but are never reported missing.
 */
export function reconcileRegister(
  assets: readonly Asset[],
  seen: readonly SeenResource[],
): RegisterReconciliation {
  const index = new Map<string, Asset[]>();
  const keysOf = (item: { resourceId: string | null; hostname: string | null; serial: string | null }) =>
    (
      [
        ['resource-id', normal(item.resourceId)],
        ['hostname', normal(item.hostname)],
        ['serial', normal(item.serial)],
      ] as const
    ).filter((entry): entry is [MatchKey, string] => entry[1] !== null);
  for (const asset of assets)
    for (const [kind, value] of keysOf(asset)) {
      const key = `${kind}\u0000${value}`;
      index.set(key, [...(index.get(key) ?? []), asset]);
    }
  const found = new Map<string, { sources: Set<SeenResource['source']>; by: Set<MatchKey> }>();
  const notInRegister: SeenResource[] = [];
  for (const item of seen) {
    let hit = false;
    for (const [kind, value] of keysOf(item))
      for (const asset of index.get(`${kind}\u0000${value}`) ?? []) {
        hit = true;
        const entry = found.get(asset.id) ?? { sources: new Set(), by: new Set() };
        entry.sources.add(item.source);
        entry.by.add(kind);
        found.set(asset.id, entry);
      }
    if (!hit) notInRegister.push(item);
  }
  const order = <T extends string>(values: Set<T>) => [...values].sort();
  return {
    matched: assets
      .filter((asset) => found.has(asset.id))
      .map((asset) => ({
        assetId: asset.id,
        sources: order(found.get(asset.id)!.sources),
        by: order(found.get(asset.id)!.by),
      })),
    notSeen: assets
      .filter((asset) => asset.status !== 'disposed' && !found.has(asset.id))
      .map((asset) => asset.id),
    notInRegister,
  };
}

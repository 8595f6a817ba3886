import type { Asset } from '../core/assets/asset-model.js';

/** One version of an asset as the register keeps it: the asset and who changed it when. */
export interface AssetVersion {
  asset: Asset;
  version: number;
  changedAt: string;
  changedBy: string;
}

/**
 * The asset register. Nothing is overwritten: saving an asset adds its next version (1 for a new
 * id), and the newest version is the asset as it is now.
 */
export interface AssetStore {
  /** Adds one version per asset (in one statement); returns the version each got, in order. */
  saveAssetVersions(assets: readonly Asset[], changedBy: string): Promise<number[]>;
  /** Every asset as it is now, by id. */
  listAssets(): Promise<AssetVersion[]>;
  getAsset(id: string): Promise<AssetVersion | undefined>;
  /** Every version of one asset, oldest first (empty for an unknown id). */
  assetHistory(id: string): Promise<AssetVersion[]>;
}

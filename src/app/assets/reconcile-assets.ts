import { ASSET_PROVIDER } from '../../core/assets/depreciation-cost-lines.js';
import { reconcileRegister, type SeenResource } from '../../core/assets/reconcile-register.js';
import { validateDateRange } from '../../core/costs/cost-query.js';
import { TollgateError } from '../../core/errors.js';
import type { FieldLabels } from '../../core/field-labels.js';
import { readRegisterCsv } from '../../ingest/assets/read-register-csv.js';
import type { Stores } from '../../ports/stores.js';

const DISCOVERY_FIELDS = ['hostname', 'serial', 'resourceId'];

/**
 * The register against what was seen: the resources of the billing lines (one provider or all,
 * in a date range, never the register's own posted lines) and, when given, a discovery CSV with
 * the columns hostname, serial and resourceId (any may be blank).
 */
export async function reconcileAssets(
  stores: Stores,
  options: {
    /** Discovery rows (readRegisterCsv of a file, or sent to the API), named `what` in messages. */
    discovery?: { what: string; rows: readonly Record<string, unknown>[] };
    provider?: string;
    from?: string;
    to?: string;
    labels?: FieldLabels<'from' | 'to'>;
  },
) {
  validateDateRange(options.from, options.to, options.labels);
  const seen: SeenResource[] = [];
  if (options.discovery !== undefined) {
    const { what, rows } = options.discovery;
    rows.forEach((row, index) => {
      const unknown = Object.keys(row).filter((key) => !DISCOVERY_FIELDS.includes(key));
      if (unknown.length > 0 || DISCOVERY_FIELDS.every((field) => row[field] === undefined)) {
        throw new TollgateError(
          'DISCOVERY_INVALID',
          `${what} ${index + 2}: a discovery row has the columns ${DISCOVERY_FIELDS.join(', ')} and at least one of them filled${unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''}. Nothing was compared.`,
        );
      }
      const text = (field: string) =>
        typeof row[field] === 'string' && row[field] !== '' ? (row[field] as string) : null;
      seen.push({
        source: 'discovery',
        hostname: text('hostname'),
        serial: text('serial'),
        resourceId: text('resourceId'),
      });
    });
  }
  const billed = await stores.costs.queryCosts({
    groupBy: ['provider', 'resource'],
    metric: 'effective',
    filters: options.provider ? [{ dimension: 'provider', values: [options.provider] }] : [],
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
  });
  const billedIds = new Set(
    billed
      .filter((row) => row.dimensions.provider !== ASSET_PROVIDER && row.dimensions.resource)
      .map((row) => row.dimensions.resource!),
  );
  for (const resourceId of [...billedIds].sort())
    seen.push({ source: 'billing', resourceId, hostname: null, serial: null });
  const assets = (await stores.assets.listAssets()).map((version) => version.asset);
  const result = reconcileRegister(assets, seen);
  return {
    ...result,
    counts: {
      assets: assets.length,
      matched: result.matched.length,
      notSeen: result.notSeen.length,
      notInRegister: result.notInRegister.length,
    },
  };
}

/** A discovery CSV's rows, for reconcileAssets: its lines are numbered from 2 (after the header). */
export async function readDiscoveryFile(stores: Stores, path: string) {
  return { what: `${path} line`, rows: await readRegisterCsv(stores.fileEngine, path) };
}

import { join } from 'node:path';
import { type IngestOptions, ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { queryCosts } from '../../src/app/costs/query-costs.js';
import { toJson } from '../../src/cli/commands/costs-command.js';
import { DATE_RANGE_FLAGS } from '../../src/cli/definitions/option-parsers.js';
import { type CostMetric, parseCostFilter, parseDimension } from '../../src/core/costs/cost-query.js';
import { makeTempDir } from './temp-dir.js';
import { withStores } from './with-stores.js';

/** The value as `--json` prints it: amounts as decimal strings, no undefined fields. */
function asPrinted<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * `tollgate ingest <paths> --json` in-process: the summary the command prints. By default the
 * first bad row rejects the file, as the command's --on-error fail does.
 */
export async function ingestFiles(db: string, paths: string[], options: Partial<IngestOptions> = {}) {
  const summary = await withStores(db, (stores) =>
    ingestBillingFiles(stores, paths, {
      onError: 'fail',
      // As the CLI labels it: the tests read the messages a command-line user gets.
      labels: { onError: '--on-error' },
      dryRun: false,
      rejectReportPath: join(makeTempDir(), 'rejected-rows.csv'),
      ...options,
    }),
  );
  return asPrinted(summary);
}

export interface CostsRequest {
  /** Comma-separated dimensions, as --by takes them. */
  by?: string;
  metric?: CostMetric;
  /** dim=value texts, as --filter takes them. */
  filters?: readonly string[];
  from?: string;
  to?: string;
  top?: number;
}

export interface CostsJson<Row> {
  metric: string;
  from: string | null;
  to: string | null;
  rows: (Row & { currency: string; cost: string })[];
  /** With top: the groups past the N largest, per currency. */
  remainder: { currency: string; cost: string }[];
}

/**
 * `tollgate costs ... --json` in-process: the same report, parsed the way the command parses its
 * options. `Row` names the dimension columns the caller asked for.
 */
export async function readCosts<Row = object>(
  db: string,
  request: CostsRequest = {},
): Promise<CostsJson<Row>> {
  const groupBy = (request.by ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseDimension);
  const report = await withStores(db, (stores) =>
    queryCosts(
      stores.costs,
      {
        from: request.from,
        to: request.to,
        groupBy,
        metric: request.metric ?? 'effective',
        filters: (request.filters ?? []).map((text) => parseCostFilter(text, DATE_RANGE_FLAGS)),
      },
      request.top,
    ),
  );
  return asPrinted(toJson(report)) as CostsJson<Row>;
}

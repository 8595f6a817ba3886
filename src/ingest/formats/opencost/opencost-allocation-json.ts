import { quoteIdentifier, quoteLiteral } from '../../../adapters/sql/sql-text.js';

/**
 * The columns an OpenCost `/allocation` API response is flattened to: one row per allocation
 * (per window and aggregate), named by their JSON path. Costs and quantities keep the JSON
 * number's text, so they are read exactly.
 */
export const OPENCOST_ALLOCATION_COLUMNS = [
  'name',
  'properties.cluster',
  'properties.node',
  'properties.namespace',
  'properties.controllerKind',
  'properties.controller',
  'properties.pod',
  'properties.container',
  'properties.providerID',
  'properties.labels',
  'properties.namespaceLabels',
  'window.start',
  'window.end',
  'minutes',
  'cpuCost',
  'gpuCost',
  'ramCost',
  'pvCost',
  'networkCost',
  'loadBalancerCost',
  'sharedCost',
  'externalCost',
  'totalCost',
] as const;

/** Is this JSON document (its text, as DuckDB reads it) an OpenCost allocation response? */
export function isOpenCostAllocationSql(json: string): string {
  return `(json_type(${json}, '$.data') = 'ARRAY' AND json_type(${json}, '$.data[0]') = 'OBJECT' AND json_exists(${json}, '$.code'))`;
}

/**
 * The allocation response as rows: `data` is a list of windows (one per step), each a map
 * from the aggregate's name (a namespace, a pod, `__idle__`) to its allocation.
 */
export function openCostAllocationRows(path: string): string {
  const value = (column: string) => {
    const pointer = `$.${column}`;
    return /labels$|Labels$/i.test(column)
      ? `CAST(json_extract(allocation.value, ${quoteLiteral(pointer)}) AS VARCHAR)`
      : `json_extract_string(allocation.value, ${quoteLiteral(pointer)})`;
  };
  const select = OPENCOST_ALLOCATION_COLUMNS.map(
    (column) => `${value(column)} AS ${quoteIdentifier(column)}`,
  );
  return `(SELECT ${select.join(', ')}
    FROM read_json_objects(${quoteLiteral(path)}, format = 'auto') document,
      json_each(document.json, '$.data') step, json_each(step.value) allocation
    WHERE json_type(allocation.value) = 'OBJECT')`;
}

/**
 * AWS Cost and Usage Report column names. Mappings name the legacy CUR column
 * (`lineItem/UnblendedCost`); a CUR 2.0 export (AWS Data Exports) names the same column in
 * snake case (`line_item_unblended_cost`): the category and the name, each split at its
 * capitals, joined by `_`.
 */
export function cur2Name(legacy: string): string {
  const snake = (text: string) =>
    text
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .toLowerCase();
  const [category, name] = legacy.split('/');
  return `${snake(category!)}_${snake(name!)}`;
}

/** Which naming a header uses: legacy (`lineItem/...`) or CUR 2.0 (`line_item_...`). */
export function curNaming(header: readonly string[]): 'legacy' | 'cur2' | undefined {
  if (header.includes('lineItem/UnblendedCost')) return 'legacy';
  if (header.includes('line_item_unblended_cost')) return 'cur2';
  return undefined;
}

/** Resolves a legacy column name to the header's own spelling. */
export function curColumnName(header: readonly string[], legacy: string): string {
  return curNaming(header) === 'cur2' ? cur2Name(legacy) : legacy;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCsv } from './csv-text.js';
import { readFocusSample } from './focus-sample.js';

/**
 * The real FOCUS 1.0 sample rewritten as a FOCUS 1.3 or 1.4 export would carry it, following the
 * specification's column changes: 1.3 adds ServiceProviderName and HostProviderName (and the
 * ContractApplied and Allocated* columns, null here), 1.4 drops ProviderName and PublisherName
 * and adds InvoiceDetailId. Nulls are written `null`, as the specification's own examples do.
 * The Oracle rows name their deprecated ProviderName "Oracle Cloud" but their service provider
 * "Oracle": the provider dimension must come from ServiceProviderName.
 */
export function writeNewerFocusSample(dir: string, version: '1.3' | '1.4', name = `focus-${version}.csv`) {
  const sample = readFocusSample();
  const provider = sample.header.indexOf('ProviderName');
  const category = sample.header.indexOf('ChargeCategory');
  const invoice = sample.header.indexOf('InvoiceIssuerName');
  const added = ['ServiceProviderName', 'HostProviderName', 'ContractApplied', 'AllocatedMethodId'];
  const dropped = version === '1.4' ? ['ProviderName', 'PublisherName'] : [];
  if (version === '1.4') added.push('InvoiceDetailId');
  const keep = sample.header.map((column) => !dropped.includes(column));
  const header = [...sample.header.filter((_, index) => keep[index]), ...added];
  const rows = sample.rows.map((row, rowIndex) => {
    const service = row[provider]!;
    const cells = row.map((cell, index) =>
      index === provider && service === 'Oracle' ? 'Oracle Cloud' : cell === 'NULL' ? 'null' : cell,
    );
    const host = ['Adjustment', 'Tax'].includes(row[category]!) ? 'Not Applicable' : service;
    const extra = [service, host, 'null', 'null'];
    if (version === '1.4') extra.push(`${row[invoice]}-${rowIndex + 1}`);
    return [...cells.filter((_, index) => keep[index]), ...extra];
  });
  const path = join(dir, name);
  writeFileSync(path, writeCsv([header, ...rows]));
  return { path, header, rows };
}

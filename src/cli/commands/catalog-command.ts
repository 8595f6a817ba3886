import type { Command } from 'commander';
import { applyCatalog, countEntries, validateCatalogPath } from '../../app/allocation/manage-catalog.js';
import { invalidFileError } from '../../app/allocation/read-yaml-sources.js';
import { printJson } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
export async function runCatalogValidate(path: string, flags: { json?: boolean }) {
  const { catalog: parsed, problems } = await validateCatalogPath(path);
  if (flags.json)
    printJson({
      path,
      valid: parsed !== undefined,
      problems,
      counts: parsed ? countEntries(parsed) : null,
    });
  if (!parsed) throw invalidFileError('CATALOG_INVALID', `The catalogue ${path}`, problems);
  if (!flags.json) {
    const counts = countEntries(parsed);
    process.stdout.write(
      `${path} is valid: ${counts.businessUnits} business units, ${counts.costCentres} cost centres, ${counts.teams} teams, ${counts.services} services, ${counts.environments} environments.\n`,
    );
  }
}

export async function runCatalogApply(path: string, flags: { json?: boolean }, command: Command) {
  const result = await withIdentity(command, 'allocation:run', (stores, { actor }) =>
    applyCatalog(stores, path, actor),
  );
  if (flags.json) {
    const { catalog: _catalog, ...version } = result.version;
    printJson({ status: result.status, ...version, counts: countEntries(result.version.catalog) });
    return;
  }
  process.stdout.write(
    result.status === 'applied'
      ? `Catalogue version ${result.version.version} applied from ${path}.\n`
      : `Catalogue unchanged: ${path} is the same as version ${result.version.version}; nothing stored.\n`,
  );
}

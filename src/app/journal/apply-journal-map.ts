import { resolve } from 'node:path';
import { TollgateError } from '../../core/errors.js';
import { checkJournalMap, type JournalMap, parseJournalMap } from '../../core/journal/journal-map.js';
import type { Stores } from '../../ports/stores.js';
import { invalidFileError, readTextFile } from '../allocation/read-yaml-sources.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';

async function saveMap(stores: Stores, actor: Actor, map: JournalMap, source: string) {
  return stores.transaction(async () => {
    const before = (await stores.journal.listJournalMaps()).at(-1);
    const version = await stores.journal.saveJournalMap(map, actor.name);
    await recordAudit(stores, actor, {
      action: 'journal.map.apply',
      target: `journal-map:${version}`,
      before: before ? { version: before.version } : null,
      after: { version, source, map },
    });
    return { version, map };
  });
}

/** Stores a journal map written as YAML as its next version (audited); a bad file changes nothing. */
export async function applyJournalMapFile(stores: Stores, actor: Actor, file: string) {
  const path = resolve(file);
  const { map, problems } = parseJournalMap({ file, text: await readTextFile(path) });
  if (!map) throw invalidFileError('JOURNAL_MAP_INVALID', `The journal map ${file}`, problems);
  return saveMap(stores, actor, map, path);
}

/** The same from JSON (the API): the YAML file's fields, snake_case. */
export async function applyJournalMapJson(stores: Stores, actor: Actor, data: unknown) {
  const { map, problems } = checkJournalMap(data);
  if (!map) {
    throw new TollgateError(
      'JOURNAL_MAP_INVALID',
      `The journal map has ${problems.length} problem(s); nothing was changed: ${problems.join('; ')}.`,
      'invalid-input',
    );
  }
  return saveMap(stores, actor, map, 'api');
}

export async function showJournalMaps(stores: Stores) {
  const versions = await stores.journal.listJournalMaps();
  return {
    current: versions.at(-1) ?? null,
    versions: versions.map(({ version, appliedAt, appliedBy }) => ({ version, appliedAt, appliedBy })),
  };
}

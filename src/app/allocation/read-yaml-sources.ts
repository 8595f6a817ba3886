import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Problem, YamlSource } from '../../core/catalog/yaml-document.js';
import { formatProblem } from '../../core/catalog/yaml-document.js';
import { TollgateError } from '../../core/errors.js';

/** One YAML file, or every .yaml/.yml file of a folder (and its subfolders), in name order. */
export async function readYamlSources(path: string): Promise<YamlSource[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) {
    throw new TollgateError(
      'FILE_NOT_FOUND',
      `${path} does not exist; give the path of a YAML file or folder.`,
      'not-found',
    );
  }
  if (info.isFile()) return [{ file: path, text: await readFile(path, 'utf8') }];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(file, 'utf8') })));
}

export async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new TollgateError('FILE_NOT_FOUND', `Cannot read ${path}; check the path.`, 'not-found');
  }
}

/** A file the user wrote has problems: one error listing all of them by file and line. */
export function invalidFileError(code: string, what: string, problems: Problem[]): TollgateError {
  const shown = problems.slice(0, 50).map((problem) => `  ${formatProblem(problem)}`);
  if (problems.length > 50) shown.push(`  ... and ${problems.length - 50} more`);
  return new TollgateError(
    code,
    `${what} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was changed. Fix them and run again:\n${shown.join('\n')}`,
    'invalid-input',
    { problems },
  );
}

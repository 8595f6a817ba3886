import { fileURLToPath } from 'node:url';

/**
 * The repository root, found from this file's place: src/adapters/ when run from source and
 * dist/adapters/ when built are both two levels below it. Migrations ship as SQL files under src/.
 */
export function packageRootPath(...parts: string[]): string {
  return fileURLToPath(new URL(['..', '..', ...parts].join('/'), import.meta.url));
}

import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import type { Stores } from '../../src/ports/stores.js';

/**
 * Opens a database the way a CLI command does (the composition root, default settings), runs
 * `work` over its stores in this process, and always closes it. `env` stands for the settings'
 * environment variables (none by default: a test does not inherit the shell's). Tests set up state and check a
 * use case's result through this: a spawned CLI costs as much as a hundred in-process cases.
 */
export async function withStores<T>(
  db: string,
  work: (stores: Stores) => Promise<T>,
  env: NodeJS.ProcessEnv = {},
): Promise<T> {
  const stores = await openTollgate(loadConfig({ db }, env));
  try {
    return await work(stores);
  } finally {
    await stores.close();
  }
}

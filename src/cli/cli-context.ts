import type { Command } from 'commander';
import { openTollgate } from '../app/open-tollgate.js';
import { loadConfig, type ServerConfig } from '../config/tollgate-config.js';
import type { Stores } from '../ports/stores.js';

export interface GlobalOptions {
  db?: string;
}

/** Opens the stores from the global --db option (or TOLLGATE_DB), runs `work`, always closes. */
export async function withStores<T>(command: Command, work: (stores: Stores) => Promise<T>): Promise<T> {
  const config = loadConfig({ db: command.optsWithGlobals<GlobalOptions>().db });
  const stores = await openTollgate(config);
  try {
    return await work(stores);
  } finally {
    await stores.close();
  }
}

/** The server settings (TOLLGATE_* variables) a command shares with `tollgate serve`. */
export function readServerSettings(command: Command): ServerConfig {
  return loadConfig({ db: command.optsWithGlobals<GlobalOptions>().db }).server;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

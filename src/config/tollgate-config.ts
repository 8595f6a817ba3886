import { resolve } from 'node:path';
import { z } from 'zod';
import { TollgateError } from '../core/errors.js';

/**
 * The one configuration schema, read once at start-up from flags and the environment.
 * Each setting: what it is, its default, its bounds.
 */
const configSchema = z.object({
  /** The database: a DuckDB file path (embedded mode). Default ./tollgate.duckdb; TOLLGATE_DB. */
  db: z.string().min(1).default('./tollgate.duckdb'),
  /** DuckDB memory limit; past it DuckDB spills to disk. Default 512MB, at least 64MB; TOLLGATE_MEMORY_LIMIT. */
  memoryLimit: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, 'write a size such as 512MB or 2GB')
    .default('512MB'),
  /** Worker threads of the embedded engine. Default: 2, from 1 to 64; TOLLGATE_THREADS. */
  threads: z.coerce.number().int().min(1).max(64).default(2),
});

export type TollgateConfig = z.infer<typeof configSchema>;

export function loadConfig(
  flags: { db?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): TollgateConfig {
  const parsed = configSchema.safeParse({
    db: flags.db ?? env.TOLLGATE_DB ?? undefined,
    memoryLimit: env.TOLLGATE_MEMORY_LIMIT ?? undefined,
    threads: env.TOLLGATE_THREADS ?? undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TollgateError(
      'CONFIG_INVALID',
      `Setting ${issue.path.join('.')} is invalid: ${issue.message}.`,
      'usage',
    );
  }
  const config = parsed.data;
  if (/^postgres(ql)?:\/\//.test(config.db)) {
    throw new TollgateError(
      'CONFIG_SERVER_MODE_UNAVAILABLE',
      'PostgreSQL server mode is not available in this version; use a DuckDB file path for --db (TOLLGATE_DB).',
      'usage',
    );
  }
  return { ...config, db: config.db === ':memory:' ? config.db : resolve(config.db) };
}

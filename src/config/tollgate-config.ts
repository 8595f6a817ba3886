import { resolve } from 'node:path';
import { TollgateError } from '../core/errors.js';
import {
  mapped,
  oneOf,
  optionalText,
  readSettings,
  type SettingsOf,
  text,
  url,
  wholeNumber,
} from './setting-readers.js';

/** Settings of `tollgate serve`, each from its TOLLGATE_* variable. */
const serverSchema = {
  /** Largest JSON request body. Default 1 MiB, from 1 KiB to 64 MiB; TOLLGATE_API_BODY_LIMIT (bytes). */
  bodyLimitBytes: wholeNumber({ min: 1024, max: 64 * 1024 * 1024, fallback: 1024 * 1024 }),
  /** Largest uploaded billing file. Default 2 GiB, from 1 KiB to 1 TiB; TOLLGATE_UPLOAD_LIMIT (bytes). */
  uploadLimitBytes: wholeNumber({ min: 1024, max: 1024 ** 4, fallback: 2 * 1024 ** 3 }),
  /** Where uploads are spooled before ingestion. Default: tollgate-uploads beside the database; TOLLGATE_UPLOAD_DIR. */
  uploadDir: optionalText({ min: 1 }),
  /** Requests per minute per token (per address without one). Default 600, from 1 to 1,000,000; TOLLGATE_RATE_LIMIT. */
  rateLimitPerMinute: wholeNumber({ min: 1, max: 1_000_000, fallback: 600 }),
  /** A request (headers and JSON body) must arrive whole within this time, and a connection may stay silent no longer: slow clients are cut off with 408. Default 30 s, 1 s to 10 min; TOLLGATE_REQUEST_TIMEOUT_MS. */
  requestTimeoutMs: wholeNumber({ min: 1000, max: 600_000, fallback: 30_000 }),
  /** An uploaded billing file must arrive whole within this time (it may pause up to requestTimeoutMs). Default 1 h, 1 s to 24 h; TOLLGATE_UPLOAD_TIMEOUT_MS. */
  uploadTimeoutMs: wholeNumber({ min: 1000, max: 86_400_000, fallback: 3_600_000 }),
  /** On shutdown, how long running jobs may take to finish before they are marked interrupted. Default 30 s, 0 to 10 min; TOLLGATE_SHUTDOWN_GRACE_MS. */
  shutdownGraceMs: wholeNumber({ min: 0, max: 600_000, fallback: 30_000 }),
  /** Log level of the server. Default info; TOLLGATE_LOG_LEVEL. */
  logLevel: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  /** The tag that names a line's owner (team), for scoped roles. Default team; TOLLGATE_OWNER_TAG. */
  ownerTag: text({ min: 1, max: 100, fallback: 'team' }),
  /** Secrets of the CI/CD webhooks; a webhook without its secret answers 503. TOLLGATE_{GITHUB,GITLAB,ARGOCD,GENERIC}_WEBHOOK_SECRET. */
  githubWebhookSecret: optionalText({ min: 16 }),
  gitlabWebhookSecret: optionalText({ min: 16 }),
  argocdWebhookSecret: optionalText({ min: 16 }),
  genericWebhookSecret: optionalText({ min: 16 }),
  /** Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs), for client addresses in logs, limits and the audit log. Default none; TOLLGATE_TRUST_PROXY. */
  trustProxy: text({
    max: 1000,
    pattern: { regex: /^[0-9A-Fa-f.:/,\s]*$/, hint: 'write addresses or CIDRs separated by commas' },
    fallback: '',
  }),
  /** In-process scheduler (alerts, forecasts, allocation after new data): on or off. Default on; TOLLGATE_SCHEDULER. */
  scheduler: oneOf(['on', 'off'], 'on'),
  /** Minutes between alert evaluations. Default 60, from 1 to 1440; TOLLGATE_ALERT_INTERVAL_MINUTES. */
  alertIntervalMinutes: wholeNumber({ min: 1, max: 1440, fallback: 60 }),
  /** Hours between forecast refreshes. Default 24, from 1 to 168; TOLLGATE_FORECAST_INTERVAL_HOURS. */
  forecastIntervalHours: wholeNumber({ min: 1, max: 168, fallback: 24 }),
  /** Attempts of a scheduled run before it is reported failed. Default 3, from 1 to 10; TOLLGATE_SCHEDULER_ATTEMPTS. */
  schedulerAttempts: wholeNumber({ min: 1, max: 10, fallback: 3 }),
  /** First retry delay of a scheduled run, doubled each time. Default 30 s, 10 ms to 1 h; TOLLGATE_SCHEDULER_BACKOFF_MS. */
  schedulerBackoffMs: wholeNumber({ min: 10, max: 3_600_000, fallback: 30_000 }),
  /** GitHub API base for answering deployment protection rules. Default https://api.github.com; TOLLGATE_GITHUB_API_URL. */
  githubApiUrl: url('https://api.github.com'),
  /** Token for the GitHub API (a GitHub App installation token); TOLLGATE_GITHUB_TOKEN. */
  githubToken: optionalText({ min: 1 }),
  /** The reporting currency costs are shown in when a request names none (the CLI's --currency, the API's currency); unset shows each billing currency. Read by the CLI too. TOLLGATE_REPORTING_CURRENCY (an ISO 4217 code). */
  reportingCurrency: optionalText({
    pattern: { regex: /^[A-Z]{3}$/, hint: 'write an ISO 4217 code such as EUR' },
  }),
  /** Which rate converts a charge day: its own day's (day) or the rate dated the first day of its month (month). Default day; TOLLGATE_RATE_BASIS. */
  rateBasis: oneOf(['day', 'month'], 'day'),
  /** GitHub App authentication (instead of githubToken): the app's id, its private key file (.pem) and the installation id; installation tokens are fetched and renewed before they expire. TOLLGATE_GITHUB_APP_ID, TOLLGATE_GITHUB_APP_PRIVATE_KEY_FILE, TOLLGATE_GITHUB_APP_INSTALLATION_ID. */
  githubAppId: optionalText({
    min: 1,
    max: 40,
    pattern: { regex: /^\d+$/, hint: 'write the numeric App ID' },
  }),
  githubAppPrivateKeyFile: optionalText({ min: 1 }),
  githubAppInstallationId: optionalText({
    min: 1,
    max: 40,
    pattern: { regex: /^\d+$/, hint: 'write the numeric installation id' },
  }),
  /** How far a generic webhook's X-Tollgate-Timestamp may be from the server's clock; older or newer deliveries are refused, and the same body under a new delivery id within it is a replay. Default 300 s, from 30 s to 1 h; TOLLGATE_WEBHOOK_TOLERANCE_SECONDS. */
  webhookToleranceSeconds: wholeNumber({ min: 30, max: 3600, fallback: 300 }),
  /** Token /metrics asks for as a Bearer token; unset, /metrics answers anyone who can reach the port (for a scraper on a private network). TOLLGATE_METRICS_TOKEN, at least 16 characters. */
  metricsToken: optionalText({ min: 16 }),
  /** Alert webhooks may post to loopback and private addresses (10/8, 172.16/12, 192.168/16, 127/8, ::1, fc00::/7): for on-premises receivers. Link-local and cloud metadata addresses stay refused. Default false; TOLLGATE_WEBHOOK_ALLOW_PRIVATE (true/false). */
  webhookAllowPrivate: mapped(
    oneOf(['true', 'false', '1', '0'], 'false'),
    (value) => value === 'true' || value === '1',
  ),
  /** Where the audit log's head is kept apart, as signed checkpoints appended after each change, so that entries cut from the end of the log are found by audit verify. Default: <database file>.audit-head beside an embedded database; none for PostgreSQL unless set. Read by the CLI too. TOLLGATE_AUDIT_CHECKPOINT (a file path; put it on other or append-only storage). */
  auditCheckpoint: optionalText({ min: 1, max: 4096 }),
  /** The key that signs the checkpoints (HMAC-SHA256), at least 32 characters; without it the checkpoints are unsigned and whoever can write the file can forge one. Read by the CLI too. TOLLGATE_AUDIT_KEY. */
  auditKey: optionalText({ min: 32, max: 1000 }),
  /** How many days ahead contract notice deadlines are looked for: the scheduled alerts run, and the default of contracts renewals --within and GET /contracts/renewals?within=. Default 90, from 0 to 3660; read by the CLI too. TOLLGATE_RENEWAL_WINDOW_DAYS. */
  renewalWindowDays: wholeNumber({ min: 0, max: 3660, fallback: 90 }),
};

export type ServerConfig = SettingsOf<typeof serverSchema>;

/** Reads the server settings from the environment; unset variables take their defaults. */
function readServerEnv(env: NodeJS.ProcessEnv) {
  return {
    bodyLimitBytes: env.TOLLGATE_API_BODY_LIMIT,
    uploadLimitBytes: env.TOLLGATE_UPLOAD_LIMIT,
    uploadDir: env.TOLLGATE_UPLOAD_DIR,
    rateLimitPerMinute: env.TOLLGATE_RATE_LIMIT,
    requestTimeoutMs: env.TOLLGATE_REQUEST_TIMEOUT_MS,
    uploadTimeoutMs: env.TOLLGATE_UPLOAD_TIMEOUT_MS,
    shutdownGraceMs: env.TOLLGATE_SHUTDOWN_GRACE_MS,
    logLevel: env.TOLLGATE_LOG_LEVEL,
    ownerTag: env.TOLLGATE_OWNER_TAG,
    githubWebhookSecret: env.TOLLGATE_GITHUB_WEBHOOK_SECRET,
    gitlabWebhookSecret: env.TOLLGATE_GITLAB_WEBHOOK_SECRET,
    argocdWebhookSecret: env.TOLLGATE_ARGOCD_WEBHOOK_SECRET,
    genericWebhookSecret: env.TOLLGATE_GENERIC_WEBHOOK_SECRET,
    trustProxy: env.TOLLGATE_TRUST_PROXY,
    scheduler: env.TOLLGATE_SCHEDULER,
    alertIntervalMinutes: env.TOLLGATE_ALERT_INTERVAL_MINUTES,
    forecastIntervalHours: env.TOLLGATE_FORECAST_INTERVAL_HOURS,
    schedulerAttempts: env.TOLLGATE_SCHEDULER_ATTEMPTS,
    schedulerBackoffMs: env.TOLLGATE_SCHEDULER_BACKOFF_MS,
    githubApiUrl: env.TOLLGATE_GITHUB_API_URL,
    githubToken: env.TOLLGATE_GITHUB_TOKEN,
    reportingCurrency: env.TOLLGATE_REPORTING_CURRENCY,
    rateBasis: env.TOLLGATE_RATE_BASIS,
    githubAppId: env.TOLLGATE_GITHUB_APP_ID,
    githubAppPrivateKeyFile: env.TOLLGATE_GITHUB_APP_PRIVATE_KEY_FILE,
    githubAppInstallationId: env.TOLLGATE_GITHUB_APP_INSTALLATION_ID,
    webhookToleranceSeconds: env.TOLLGATE_WEBHOOK_TOLERANCE_SECONDS,
    metricsToken: env.TOLLGATE_METRICS_TOKEN,
    webhookAllowPrivate: env.TOLLGATE_WEBHOOK_ALLOW_PRIVATE,
    auditCheckpoint: env.TOLLGATE_AUDIT_CHECKPOINT,
    auditKey: env.TOLLGATE_AUDIT_KEY,
    renewalWindowDays: env.TOLLGATE_RENEWAL_WINDOW_DAYS,
  };
}

/** Server mode (TOLLGATE_DB=postgres://...): the PostgreSQL connection, each from its TOLLGATE_* variable. */
const postgresSchema = {
  /** Connections each process keeps open at most. Default 10, from 1 to 200; TOLLGATE_PG_POOL_SIZE. */
  poolSize: wholeNumber({ min: 1, max: 200, fallback: 10 }),
  /** How long a process keeps retrying an unreachable server at start (backoff 0.25 s doubling to 5 s). Default 30 s, 0 (try once) to 10 min; TOLLGATE_PG_CONNECT_RETRY_MS. */
  connectRetryMs: wholeNumber({ min: 0, max: 600_000, fallback: 30_000 }),
  /** Apply pending migrations when a command or the server starts (else only tollgate migrate does). Default true; TOLLGATE_MIGRATE_ON_START (true/false, 1/0, any case). */
  migrateOnStart: mapped(
    oneOf(['true', 'false', '1', '0'], 'true'),
    (value) => value === 'true' || value === '1',
  ),
};

/**
 * The one configuration schema, read once at start-up from flags and the environment.
 * Each setting: what it is, its default, its bounds.
 */
const configSchema = {
  /** The database: a DuckDB file path (embedded mode) or a postgres:// URL (server mode). Default ./tollgate.duckdb; TOLLGATE_DB. */
  db: text({ min: 1, fallback: './tollgate.duckdb' }),
  /** DuckDB memory limit; past it DuckDB spills to disk. Default 384MB, at least 64MB; TOLLGATE_MEMORY_LIMIT. */
  memoryLimit: text({
    pattern: { regex: /^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, hint: 'write a size such as 512MB or 2GB' },
    fallback: '384MB',
  }),
  /** Worker threads of the embedded engine. Default: 2, from 1 to 64; TOLLGATE_THREADS. */
  threads: wholeNumber({ min: 1, max: 64, fallback: 2 }),
};

export type TollgateConfig = SettingsOf<typeof configSchema> & {
  /** PostgreSQL settings, used when db is a postgres:// URL; see postgresSchema. */
  postgres: SettingsOf<typeof postgresSchema>;
  /** HTTP API server settings (tollgate serve); see serverSchema. */
  server: ServerConfig;
};

/** Server mode: the database is a PostgreSQL URL rather than a DuckDB file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

function requireValidPostgresUrl(db: string): void {
  let url: URL | undefined;
  try {
    url = new URL(db);
  } catch {
    url = undefined;
  }
  if (!url?.hostname || url.pathname.length <= 1) {
    throw new TollgateError(
      'CONFIG_INVALID',
      'Setting db is invalid: a PostgreSQL URL reads postgres://user:password@host:5432/database (host and database name are required).',
      'usage',
    );
  }
}

export function loadConfig(
  flags: { db?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): TollgateConfig {
  // Read in the schema's order (database, postgres, server), so the first invalid setting is named.
  const config: TollgateConfig = {
    ...readSettings(configSchema, {
      db: flags.db ?? env.TOLLGATE_DB,
      memoryLimit: env.TOLLGATE_MEMORY_LIMIT,
      threads: env.TOLLGATE_THREADS,
    }),
    postgres: readSettings(
      postgresSchema,
      {
        poolSize: env.TOLLGATE_PG_POOL_SIZE,
        connectRetryMs: env.TOLLGATE_PG_CONNECT_RETRY_MS,
        migrateOnStart: env.TOLLGATE_MIGRATE_ON_START?.toLowerCase(),
      },
      'postgres.',
    ),
    server: readSettings(serverSchema, readServerEnv(env), 'server.'),
  };
  if (isPostgresUrl(config.db)) {
    requireValidPostgresUrl(config.db);
    return config;
  }
  return { ...config, db: config.db === ':memory:' ? config.db : resolve(config.db) };
}

import { z } from 'zod';
import { TollgateError } from '../../core/errors.js';

/**
 * Settings of server mode's job queue and workers, each from its TOLLGATE_* variable.
 * (Embedded mode runs jobs in process and reads none of them.)
 */
const queueSchema = z.object({
  /** Attempts of a job whose worker died or whose database failed it, the first included. Default 3, from 1 to 10; TOLLGATE_JOB_ATTEMPTS. */
  attempts: z.coerce.number().int().min(1).max(10).default(3),
  /** Wait before the first retry, doubled (with jitter) for each further one. Default 5 s, 1 s to 1 h; TOLLGATE_JOB_RETRY_DELAY_SECONDS. */
  retryDelaySeconds: z.coerce.number().int().min(1).max(3600).default(5),
  /** A job running longer than this is stopped and retried. Default 2 h, 1 min to 23 h; TOLLGATE_JOB_TIMEOUT_MINUTES. */
  timeoutMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(23 * 60)
    .default(120),
  /** How often a process with workers looks for jobs whose worker died. Default 10 s, 1 s to 10 min; TOLLGATE_JOB_LIVENESS_SECONDS. */
  livenessCheckSeconds: z.coerce.number().int().min(1).max(600).default(10),
  /** Seconds between polls of an idle worker. Default 2, from 1 to 60; TOLLGATE_JOB_POLL_SECONDS. */
  pollingSeconds: z.coerce.number().min(0.5).max(60).default(2),
});

export type JobQueueSettings = z.infer<typeof queueSchema>;

const VARIABLES: Record<keyof JobQueueSettings, string> = {
  attempts: 'TOLLGATE_JOB_ATTEMPTS',
  retryDelaySeconds: 'TOLLGATE_JOB_RETRY_DELAY_SECONDS',
  timeoutMinutes: 'TOLLGATE_JOB_TIMEOUT_MINUTES',
  livenessCheckSeconds: 'TOLLGATE_JOB_LIVENESS_SECONDS',
  pollingSeconds: 'TOLLGATE_JOB_POLL_SECONDS',
};

export function loadJobQueueSettings(env: NodeJS.ProcessEnv = process.env): JobQueueSettings {
  const parsed = queueSchema.safeParse(
    Object.fromEntries(Object.entries(VARIABLES).map(([setting, variable]) => [setting, env[variable]])),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = VARIABLES[issue.path[0] as keyof JobQueueSettings];
    throw new TollgateError(
      'CONFIG_INVALID',
      `Setting ${variable} (${String(env[variable])}) is invalid: ${issue.message}.`,
      'usage',
    );
  }
  return parsed.data;
}

/** True when the database setting names a PostgreSQL server (server mode). */
export function isServerMode(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db);
}

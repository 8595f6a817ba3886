import { z } from 'zod';
import {
  type ImportHints,
  type ImportResult,
  malformed,
  parseEventJson,
  zodWhy,
} from './imported-deployment.js';

// The fields Tollgate reads from GitHub's `deployment_status` webhook (octokit/webhooks schema).
const schema = z.object({
  action: z.string(),
  deployment_status: z.object({
    id: z.number(),
    state: z.string(),
    environment: z.string().optional(),
    created_at: z.string(),
    updated_at: z.string().optional(),
    target_url: z.string().nullable().optional(),
    log_url: z.string().nullable().optional(),
    creator: z.object({ login: z.string() }).nullable().optional(),
  }),
  deployment: z.object({
    id: z.number(),
    sha: z.string(),
    ref: z.string(),
    environment: z.string(),
    created_at: z.string(),
    payload: z.unknown().optional(),
    creator: z.object({ login: z.string() }).nullable().optional(),
  }),
  repository: z.object({ name: z.string() }),
  sender: z.object({ login: z.string() }).optional(),
  workflow_run: z.object({ id: z.number() }).nullable().optional(),
});

const OUTCOMES: Record<string, 'succeeded' | 'failed'> = {
  success: 'succeeded',
  failure: 'failed',
  error: 'failed',
};

/** The service a GitHub deployment names in its payload (`{"tollgate": {"service": "..."}}`), if any. */
function payloadService(payload: unknown): string | undefined {
  const parsed = typeof payload === 'string' ? safeJson(payload) : payload;
  const service = (parsed as { tollgate?: { service?: unknown } } | undefined)?.tollgate?.service;
  return typeof service === 'string' ? service : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A GitHub `deployment_status` event: start = the deployment's creation, end = the status's
 * creation; success -> succeeded, failure and error -> failed; other states are not final.
 * Service: --service, else the deployment payload's tollgate.service, else the repository name.
 */
export function readGitHubDeploymentStatus(text: string, hints: ImportHints = {}): ImportResult {
  const parsed = schema.safeParse(parseEventJson('GitHub deployment_status', text));
  if (!parsed.success) throw malformed('GitHub deployment_status', zodWhy(parsed.error.issues));
  const event = parsed.data;
  const status = event.deployment_status;
  const outcome = OUTCOMES[status.state];
  if (!outcome)
    return { skipped: `deployment status '${status.state}' is not final (success, failure or error)` };
  const service = hints.service ?? payloadService(event.deployment.payload) ?? event.repository.name;
  return {
    deliveryKey: `github:deployment_status:${status.id}`,
    source: 'github',
    service,
    version: event.deployment.sha,
    commitSha: event.deployment.sha,
    environment: hints.environment ?? status.environment ?? event.deployment.environment,
    pipelineRun: event.workflow_run
      ? String(event.workflow_run.id)
      : status.log_url || status.target_url || `deployment/${event.deployment.id}`,
    startedAt: event.deployment.created_at,
    finishedAt: status.created_at,
    outcome,
    triggeredBy: event.deployment.creator?.login ?? status.creator?.login ?? event.sender?.login ?? 'github',
  };
}

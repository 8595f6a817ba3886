import { z } from 'zod';
import {
  type ImportHints,
  type ImportResult,
  malformed,
  parseEventJson,
  zodWhy,
} from './imported-deployment.js';

// The fields Tollgate reads from GitLab's Deployment Hook (documented deployment event).
const schema = z.object({
  object_kind: z.literal('deployment'),
  status: z.string(),
  status_changed_at: z.string(),
  deployment_id: z.number(),
  deployable_id: z.number().nullable().optional(),
  deployable_url: z.string().nullable().optional(),
  environment: z.string(),
  project: z.object({ path_with_namespace: z.string(), name: z.string() }),
  short_sha: z.string(),
  commit_url: z.string().optional(),
  user: z.object({ username: z.string() }).optional(),
});

const OUTCOMES: Record<string, 'succeeded' | 'failed'> = { success: 'succeeded', failed: 'failed' };

/** GitLab writes times as '2021-04-28 21:50:00 +0200'; this makes them ISO-8601. */
export function gitlabTimeToIso(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/.exec(
    text.trim(),
  );
  if (!match) return text;
  const zone =
    match[3] === undefined || match[3] === 'UTC' ? 'Z' : match[3].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return `${match[1]}T${match[2]}${zone}`;
}

/**
 * A GitLab Deployment Hook: the event carries one time (status_changed_at), used as start
 * and end unless --started-at says when the deployment began; success -> succeeded, failed ->
 * failed; running and canceled are not recorded. The full commit SHA comes from commit_url.
 */
export function readGitLabDeploymentHook(text: string, hints: ImportHints = {}): ImportResult {
  const parsed = schema.safeParse(parseEventJson('GitLab Deployment Hook', text));
  if (!parsed.success) throw malformed('GitLab Deployment Hook', zodWhy(parsed.error.issues));
  const event = parsed.data;
  const outcome = OUTCOMES[event.status];
  if (!outcome) return { skipped: `deployment status '${event.status}' is not final (success or failed)` };
  const sha = /\/commit\/([0-9a-f]{7,40})$/.exec(event.commit_url ?? '')?.[1] ?? event.short_sha;
  const at = gitlabTimeToIso(event.status_changed_at);
  return {
    deliveryKey: `gitlab:deployment:${event.project.path_with_namespace}:${event.deployment_id}:${event.status}`,
    source: 'gitlab',
    service: hints.service ?? event.project.name,
    version: sha,
    commitSha: sha,
    environment: hints.environment ?? event.environment,
    pipelineRun: event.deployable_url ?? (event.deployable_id ? String(event.deployable_id) : undefined),
    startedAt: at,
    finishedAt: at,
    outcome,
    triggeredBy: event.user?.username ?? 'gitlab',
  };
}

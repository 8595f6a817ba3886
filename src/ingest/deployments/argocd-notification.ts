import { z } from 'zod';
import {
  type ImportHints,
  type ImportResult,
  malformed,
  parseEventJson,
  zodWhy,
} from './imported-deployment.js';

/*
 * Argo CD notifications send whatever body their template writes. Tollgate reads the
 * Application resource, sent whole by this webhook template in argocd-notifications-cm:
 *
 *   template.tollgate-deployment: |
 *     webhook:
 *       tollgate:
 *         method: POST
 *         body: |
 *           {"app": {{toJson .app}}}
 *
 * subscribed to on-sync-succeeded and on-sync-failed.
 */
const schema = z.object({
  app: z.object({
    metadata: z.object({
      name: z.string(),
      uid: z.string().optional(),
      labels: z.record(z.string(), z.string()).optional(),
    }),
    spec: z.object({
      destination: z.object({
        namespace: z.string().optional(),
        name: z.string().optional(),
        server: z.string().optional(),
      }),
    }),
    status: z.object({
      sync: z.object({ revision: z.string().optional() }).optional(),
      operationState: z.object({
        phase: z.string(),
        startedAt: z.string(),
        finishedAt: z.string().optional(),
        syncResult: z.object({ revision: z.string() }).optional(),
        operation: z
          .object({
            initiatedBy: z
              .object({ username: z.string().optional(), automated: z.boolean().optional() })
              .optional(),
          })
          .optional(),
      }),
    }),
  }),
});

const OUTCOMES: Record<string, 'succeeded' | 'failed'> = {
  Succeeded: 'succeeded',
  Failed: 'failed',
  Error: 'failed',
};

/**
 * An Argo CD sync as a deployment: service from the label tollgate.io/service (else the
 * application name), environment from tollgate.io/environment (else the destination
 * namespace); Succeeded -> succeeded, Failed and Error -> failed; Running is not final.
 */
export function readArgoCdNotification(text: string, hints: ImportHints = {}): ImportResult {
  const parsed = schema.safeParse(parseEventJson('Argo CD notification', text));
  if (!parsed.success) throw malformed('Argo CD notification', zodWhy(parsed.error.issues));
  const app = parsed.data.app;
  const operation = app.status.operationState;
  const outcome = OUTCOMES[operation.phase];
  if (!outcome || operation.finishedAt === undefined) {
    return { skipped: `sync phase '${operation.phase}' is not final (Succeeded, Failed or Error)` };
  }
  const revision = operation.syncResult?.revision ?? app.status.sync?.revision;
  if (!revision)
    throw malformed('Argo CD notification', 'app.status.operationState.syncResult.revision is missing');
  const labels = app.metadata.labels ?? {};
  const environment =
    hints.environment ?? labels['tollgate.io/environment'] ?? app.spec.destination.namespace;
  if (!environment)
    throw malformed(
      'Argo CD notification',
      'no environment: label the application tollgate.io/environment or name the environment',
    );
  const initiatedBy = operation.operation?.initiatedBy;
  return {
    deliveryKey: `argocd:${app.metadata.uid ?? app.metadata.name}:${operation.startedAt}:${revision}`,
    source: 'argocd',
    service: hints.service ?? labels['tollgate.io/service'] ?? app.metadata.name,
    version: revision,
    commitSha: /^[0-9a-f]{40}$/.test(revision) ? revision : undefined,
    environment,
    pipelineRun: `${app.metadata.name}@${operation.startedAt}`,
    startedAt: operation.startedAt,
    finishedAt: operation.finishedAt,
    outcome,
    triggeredBy: initiatedBy?.username ?? (initiatedBy?.automated ? 'argocd-automated' : 'argocd'),
  };
}

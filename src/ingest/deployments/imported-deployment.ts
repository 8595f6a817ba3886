import { TollgateError } from '../../core/errors.js';
import type { DeploymentRecord } from '../../core/governance/deployments/deployment-record.js';

/** What a CI/CD event says about a deployment; Tollgate adds the id, change type, release and cost. */
export type ImportedDeployment = Pick<
  DeploymentRecord,
  | 'deliveryKey'
  | 'source'
  | 'service'
  | 'version'
  | 'commitSha'
  | 'environment'
  | 'pipelineRun'
  | 'startedAt'
  | 'finishedAt'
  | 'outcome'
  | 'triggeredBy'
>;

/** An event that is not a finished deployment (queued, running, cancelled): nothing to record. */
export interface SkippedEvent {
  skipped: string;
}

export type ImportResult = ImportedDeployment | SkippedEvent;

/** Overrides a user gives when the event does not name Tollgate's service or environment. */
export interface ImportHints {
  service?: string | undefined;
  environment?: string | undefined;
}

export function malformed(format: string, why: string): TollgateError {
  return new TollgateError(
    'DEPLOYMENT_IMPORT_MALFORMED',
    `The ${format} event body is not what Tollgate reads: ${why}. Nothing was recorded; check that the file is the raw JSON body of the event.`,
  );
}

/** The JSON object of an event body; a clear error when it is not JSON or not an object. */
export function parseEventJson(format: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw malformed(
      format,
      `it is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw malformed(format, 'it is not a JSON object');
  return value as Record<string, unknown>;
}

export function zodWhy(issues: { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0]!;
  return `${issue.path.map(String).join('.') || '(top)'}: ${issue.message}`;
}

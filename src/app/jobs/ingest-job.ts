import { access, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TollgateError } from '../../core/errors.js';
import type { JobHandler, JobRequest } from '../../ports/job-queue.js';
import type { Stores } from '../../ports/stores.js';
import { type Actor, auditRecorder } from '../audit/record-audit.js';
import { ingestBillingFiles, type OnError } from '../costs/ingest-billing-files.js';

const SPOOL_FOLDER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the API puts in an ingest job: the client's view in `input`, the spooled file in `work`. */
export interface IngestJobRequest extends JobRequest {
  kind: 'ingest';
  input: { file: string; bytes: number; onError: OnError; dryRun: boolean };
  work: { path: string; actor: Actor };
}

export function ingestJobRequest(
  createdBy: string,
  upload: { name: string; bytes: number; path: string },
  options: { onError: OnError; dryRun: boolean },
  actor: Actor,
): IngestJobRequest {
  return {
    kind: 'ingest',
    createdBy,
    input: { file: upload.name, bytes: upload.bytes, onError: options.onError, dryRun: options.dryRun },
    work: { path: upload.path, actor },
  };
}

export interface IngestJobHooks {
  /** Rows loaded and rejected, for the metrics. */
  onRows?(rows: { loaded: number; rejected: number }): void;
  /** Billing periods that received new data (open ones are allocated again). */
  onNewData?(periods: string[]): void | Promise<void>;
}

/**
 * Loads an uploaded billing file. The file waits in the upload folder (shared by API processes
 * and workers); the load is idempotent by content hash, so a retry after a worker died either
 * loads it (the first attempt committed nothing) or finds it already loaded.
 */
export function ingestJobHandler(stores: Stores, hooks: IngestJobHooks = {}): JobHandler {
  return {
    async run(request, context) {
      const { input, work } = request as IngestJobRequest;
      await access(work.path).catch(() => {
        throw new TollgateError(
          'UPLOAD_MISSING',
          `The uploaded file ${input.file} is not in the upload folder on this worker (${dirname(work.path)}). ` +
            'API processes and workers must share TOLLGATE_UPLOAD_DIR (shared storage across hosts); upload the file again.',
          'not-found',
        );
      });
      const summary = await ingestBillingFiles(stores, [work.path], {
        onError: input.onError,
        dryRun: input.dryRun,
        rejectReportPath: join(dirname(work.path), 'rejected-rows.csv'),
        onProgress: (event) => context.report({ phase: event.phase, rows: event.rows }),
        recordChange: auditRecorder(stores, work.actor),
      });
      hooks.onRows?.({ loaded: summary.rowsLoaded, rejected: summary.rowsRejected });
      // A retry that finds the file already loaded still asks for the allocation the
      // attempt that loaded it may not have lived to ask for.
      const newData = summary.rowsLoaded > 0 || (context.attempt > 1 && summary.units.length > 0);
      if (!input.dryRun && newData) await hooks.onNewData?.(summary.billingPeriods);
      // The spool path means nothing to the client; name the file it sent.
      return {
        ...summary,
        rejectReport: null,
        units: summary.units.map((unit) => ({ ...unit, inputPath: input.file })),
      };
    },
    async cleanup(request) {
      const { work } = request as IngestJobRequest;
      // The spool folder is the upload's own, named by a random UUID under the upload folder.
      if (work?.path && SPOOL_FOLDER.test(basename(dirname(work.path)))) {
        await rm(dirname(work.path), { recursive: true, force: true });
      }
    },
  };
}

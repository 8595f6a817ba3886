import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ingestJobRequest } from '../../app/jobs/ingest-job.js';
import { TollgateError } from '../../core/errors.js';
import { idParams, jobSchema, queryFlag } from '../api-schemas.js';
import { defineRoute } from '../route-spec.js';
import { RAW_UPLOAD_TYPES, receiveUpload } from '../upload-file.js';

export const ingestRoutes = [
  defineRoute({
    id: 'uploadBillingFile',
    method: 'POST',
    path: '/api/v1/ingest',
    summary:
      'Upload one billing export (raw body with ?filename=, or multipart/form-data); it is streamed to disk and loaded by a job. Answers 202 with the job.',
    tag: 'ingest',
    permission: 'sources:write',
    bodyKind: 'upload',
    uploadTypes: [...RAW_UPLOAD_TYPES, 'multipart/form-data'],
    query: z.object({
      filename: z.string().max(200).optional().describe('file name for a raw body, e.g. focus-2026-01.csv'),
      onError: z.enum(['fail', 'skip-row']).default('fail'),
      dryRun: queryFlag,
    }),
    status: 202,
    response: jobSchema,
    errors: {
      413: 'The file is over TOLLGATE_UPLOAD_LIMIT (UPLOAD_TOO_LARGE)',
      415: 'Unsupported Content-Type (REQUEST_UNSUPPORTED_MEDIA_TYPE)',
    },
    handler: async ({ request, reply, query, actor, services }) => {
      // Each upload gets a folder of its own in the shared upload folder; the ingest job
      // (in this process or a worker) reads it from there and removes it when done.
      const spool = join(services.uploadDir, randomUUID());
      const upload = await receiveUpload(request, spool, query.filename, services.config.uploadLimitBytes);
      const job = await services.jobs
        .enqueue(
          ingestJobRequest(
            actor.name,
            upload,
            { onError: query.onError, dryRun: query.dryRun },
            { name: actor.name, tokenId: actor.tokenId, address: actor.address },
          ),
        )
        .catch(async (error: unknown) => {
          await rm(spool, { recursive: true, force: true });
          throw error;
        });
      reply.header('location', `/api/v1/jobs/${job.id}`);
      return job;
    },
  }),
  defineRoute({
    id: 'getJob',
    method: 'GET',
    path: '/api/v1/jobs/:id',
    summary: 'A job: its status, live progress while it runs, and its result or error',
    tag: 'jobs',
    permission: 'jobs:read',
    params: idParams,
    response: jobSchema,
    errors: { 404: 'No such job (JOB_NOT_FOUND)' },
    handler: async ({ params, services }) => {
      const job = await services.jobs.getJob(params.id);
      if (!job) throw new TollgateError('JOB_NOT_FOUND', `There is no job ${params.id}.`, 'not-found');
      return job;
    },
  }),
  defineRoute({
    id: 'listJobs',
    method: 'GET',
    path: '/api/v1/jobs',
    summary: 'Recent jobs, newest first: uploads, allocation runs and scheduled runs (kind=scheduled)',
    tag: 'jobs',
    permission: 'jobs:read',
    query: z.object({
      kind: z.string().max(100).optional(),
      status: z.enum(['queued', 'running', 'succeeded', 'failed']).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(50),
    }),
    response: z.array(jobSchema),
    handler: async ({ query, services }) => services.stores.access.jobs.listJobs(query),
  }),
];

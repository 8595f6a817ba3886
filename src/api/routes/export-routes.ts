import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { exportFocus } from '../../app/export/export-focus.js';
import { defineRoute } from '../route-spec.js';

const CONTENT_TYPE = { csv: 'text/csv; charset=utf-8', parquet: 'application/vnd.apache.parquet' } as const;

export const exportRoutes = [
  defineRoute({
    id: 'exportFocus',
    method: 'GET',
    path: '/api/v1/exports/focus',
    summary:
      "A period's allocated lines as a FOCUS 1.3 file (CSV or Parquet), streamed: split-cost allocation columns from the rule and split, owners as x_ columns, the rule set version and run",
    tag: 'allocation',
    // Every row carries resource ids and account numbers in clear.
    permission: 'costs:detail',
    raw: true,
    query: z
      .object({
        period: z.string().min(1).max(20).describe('a month, YYYY-MM, that has an allocation run'),
        format: z.string().max(20).default('csv').describe('csv or parquet'),
      })
      .strict(),
    response: z.string(),
    errors: { 409: 'The period has no allocation run (EXPORT_NOT_ALLOCATED)' },
    handler: async ({ query, services, reply }) => {
      // The file is written by the database into a private folder, then streamed and removed.
      const dir = await mkdtemp(join(tmpdir(), 'tollgate-export-'));
      const removeDir = () => rm(dir, { recursive: true, force: true });
      try {
        const result = await exportFocus(services.stores, { ...query, outDir: dir });
        const stream = createReadStream(result.path);
        stream.on('close', () => void removeDir());
        reply.header('content-type', CONTENT_TYPE[result.format]);
        reply.header('content-disposition', `attachment; filename="${basename(result.path)}"`);
        reply.header('x-tollgate-allocation-run', String(result.runId));
        reply.header('x-tollgate-rule-set-version', String(result.ruleSetVersion));
        await reply.send(stream);
        return undefined;
      } catch (error) {
        await removeDir();
        throw error;
      }
    },
  }),
];

import { z } from 'zod';
import { listAlertFeedback, recordAlertFeedback } from '../../app/alerting/record-alert-feedback.js';
import { ALERT_VERDICTS } from '../../core/alerting/alert-feedback.js';
import { idParams } from '../api-schemas.js';
import { defineRoute } from '../route-spec.js';

const feedbackSchema = z.object({
  alertId: z.number().int(),
  verdict: z.enum(ALERT_VERDICTS),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

/** Feedback on alerts: record a verdict (audited) and read every verdict with the counts. */
export const alertFeedbackRoutes = [
  defineRoute({
    id: 'recordAlertFeedback',
    method: 'POST',
    path: '/api/v1/alerts/:id/feedback',
    summary:
      'Record whether an alert was a true or a false positive, as the token user (audited; a later verdict replaces it)',
    tag: 'budgets',
    permission: 'budgets:write',
    params: idParams,
    body: z
      .object({
        verdict: z
          .string()
          .max(40)
          .describe(`one of ${ALERT_VERDICTS.join(', ')}`),
        note: z.string().max(4000).optional(),
      })
      .strict(),
    response: feedbackSchema,
    handler: async ({ params, body, actor, services }) =>
      recordAlertFeedback(services.stores, actor, { id: params.id, verdict: body.verdict, note: body.note }),
  }),
  defineRoute({
    id: 'listAlertFeedback',
    method: 'GET',
    path: '/api/v1/alerts/feedback',
    summary: 'Every recorded alert verdict, and true and false positives counted per alert kind',
    tag: 'budgets',
    permission: 'budgets:read',
    response: z.object({
      feedback: z.array(feedbackSchema.extend({ kind: z.string(), budget: z.string() })),
      tally: z.array(
        z.object({
          kind: z.string(),
          truePositives: z.number().int(),
          falsePositives: z.number().int(),
          precision: z.number().nullable(),
        }),
      ),
    }),
    handler: async ({ services }) => listAlertFeedback(services.stores),
  }),
];

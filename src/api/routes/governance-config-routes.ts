import { z } from 'zod';
import { applyPolicyAudited, applyRateCardAudited } from '../../app/governance/audited/config-writes.js';
import { requirePolicy, requireRateCard } from '../../app/governance/governance-context.js';
import { TollgateError } from '../../core/errors.js';
import {
  appliedPolicySchema,
  appliedRateCardSchema,
  policyVersionSchema,
  rateCardVersionSchema,
} from '../governance-schemas.js';
import { defineRoute } from '../route-spec.js';

const anyObject = z.record(z.string(), z.unknown());
/** A name for messages; never used as a path, so it may not look like one. */
const fileName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'a plain file name: letters, digits, dot, dash, underscore')
  .describe('the name errors and the version history report the document under');
const yamlText = z
  .string()
  .max(1024 * 1024)
  .describe('the document as YAML (or JSON) text, as the CLI reads it from a file');

/**
 * The document to apply: YAML text (the file the CLI takes) or the same document as JSON.
 * JSON is YAML, so both reach the use case as text and are parsed and checked there alike.
 */
function documentText(yaml: string | undefined, json: unknown, jsonField: string): string {
  if ((yaml === undefined) === (json === undefined)) {
    throw new TollgateError(
      'DOCUMENT_USAGE',
      `Send the document as yaml (text) or as ${jsonField} (JSON), not both and not neither.`,
      'usage',
    );
  }
  return yaml ?? JSON.stringify(json);
}

export const governanceConfigRoutes = [
  defineRoute({
    id: 'getPolicy',
    method: 'GET',
    path: '/api/v1/changes/policy',
    summary:
      'The current governance policy (change models, approver roles, windows, cost model), like tollgate changes policy show --json',
    tag: 'governance',
    permission: 'governance:read',
    response: policyVersionSchema,
    errors: { 404: 'No policy applied yet (POLICY_MISSING)' },
    handler: async ({ services }) => requirePolicy(services.stores),
  }),
  defineRoute({
    id: 'applyPolicy',
    method: 'PUT',
    path: '/api/v1/changes/policy',
    summary:
      'Apply a governance policy like tollgate changes policy apply (audited); it is the current one from the next gate decision',
    tag: 'governance',
    permission: 'governance:write',
    body: z
      .object({
        yaml: yamlText.optional(),
        policy: anyObject.optional().describe('the policy document as JSON instead of yaml'),
        fileName: fileName.default('governance.yaml'),
      })
      .strict(),
    response: appliedPolicySchema,
    errors: {
      400: 'Neither or both of yaml and policy (DOCUMENT_USAGE)',
      422: 'Not YAML, with its line (YAML_INVALID), or not a valid policy (POLICY_INVALID); the current policy is unchanged',
    },
    handler: async ({ body, principal, actor, services }) => {
      const text = documentText(body.yaml, body.policy, 'policy');
      return applyPolicyAudited(services.stores, { actor, principal: principal! }, text, body.fileName);
    },
  }),
  defineRoute({
    id: 'getRateCard',
    method: 'GET',
    path: '/api/v1/ratecard',
    summary: 'The current rate card (hourly rates by role and period), as tollgate ratecard applied it',
    tag: 'governance',
    permission: 'governance:read',
    response: rateCardVersionSchema,
    errors: { 404: 'No rate card applied yet (RATECARD_MISSING)' },
    handler: async ({ services }) => requireRateCard(services.stores),
  }),
  defineRoute({
    id: 'applyRateCard',
    method: 'PUT',
    path: '/api/v1/ratecard',
    summary:
      'Apply a rate card like tollgate ratecard apply (audited); new estimates and time bookings price with it',
    tag: 'governance',
    permission: 'governance:write',
    body: z
      .object({
        yaml: yamlText.optional(),
        rates: z
          .array(anyObject)
          .max(10_000)
          .optional()
          .describe(
            'the rates as JSON instead of yaml: role, hourlyRate, currency, effectiveFrom, effectiveTo',
          ),
        fileName: fileName.default('rates.yaml'),
      })
      .strict(),
    response: appliedRateCardSchema,
    errors: {
      400: 'Neither or both of yaml and rates (DOCUMENT_USAGE)',
      422: 'Not YAML (YAML_INVALID), or not a valid rate card (RATECARD_INVALID, overlapping spans); the current card is unchanged',
    },
    handler: async ({ body, principal, actor, services }) => {
      const text = documentText(
        body.yaml,
        body.rates === undefined ? undefined : { rates: body.rates },
        'rates',
      );
      return applyRateCardAudited(services.stores, { actor, principal: principal! }, text, body.fileName);
    },
  }),
];

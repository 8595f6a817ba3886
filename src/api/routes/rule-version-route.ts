import { requireRuleVersion } from '../../app/allocation/manage-rules.js';
import { idParams } from '../api-schemas.js';
import { ruleSetVersionSchema } from '../finance-schemas.js';
import { defineRoute } from '../route-spec.js';

/**
 * One rule set version with its YAML text, as applied. The listing leaves the text out (it
 * can be long); the dashboard's rule preview starts its editor from this one.
 */
export const ruleVersionRoute = defineRoute({
  id: 'getRuleVersion',
  method: 'GET',
  path: '/api/v1/rules/versions/:id',
  summary: 'One rule set version (a number, or v1) with its YAML text and parsed rules',
  tag: 'allocation',
  permission: 'sources:read',
  params: idParams,
  response: ruleSetVersionSchema,
  errors: { 404: 'No such version (RULES_VERSION_NOT_FOUND)' },
  handler: async ({ params, services }) => requireRuleVersion(services.stores, params.id),
});

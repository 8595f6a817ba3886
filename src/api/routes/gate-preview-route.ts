import { previewGate } from '../../app/governance/gate/preview-gate.js';
import { gateDecisionSchema } from '../governance-schemas.js';
import { defineRoute } from '../route-spec.js';
import { gateRequest } from './governance-routes.js';

/** The gate's answer for a page to show, recorded nowhere (readers of changes may ask). */
export const gatePreviewRoute = defineRoute({
  id: 'previewGateDecision',
  method: 'POST',
  path: '/api/v1/gate/preview',
  summary:
    'What the gate would answer now, with every reason, for display: a dry run written to neither the decision log nor the audit log (deployments ask POST /api/v1/gate)',
  tag: 'governance',
  permission: 'governance:read',
  body: gateRequest,
  response: gateDecisionSchema,
  errors: { 404: 'No catalogue or policy applied (CATALOG_MISSING, POLICY_MISSING)' },
  handler: async ({ body, actor, services }) => previewGate(services.cachedStores, body, actor),
});

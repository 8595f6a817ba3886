import { z } from 'zod';
import { buildOpenApiDocument } from './openapi-document.js';
import { type AnyRoute, defineRoute } from './route-spec.js';
import { accessRoutes } from './routes/access-routes.js';
import { adminAccessRoutes } from './routes/admin-access-routes.js';
import { alertFeedbackRoutes } from './routes/alert-feedback-routes.js';
import { allocationRoutes } from './routes/allocation-routes.js';
import { approverRolesRoute } from './routes/approver-roles-route.js';
import { assetRoutes } from './routes/asset-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { auditVerifyRoute } from './routes/audit-verify-route.js';
import { breakGlassRoute } from './routes/break-glass-route.js';
import { budgetWriteRoutes } from './routes/budget-write-routes.js';
import { changeRequestRoutes } from './routes/change-request-routes.js';
import { changeRiskRoute } from './routes/change-risk-route.js';
import { channelRoutes } from './routes/channel-routes.js';
import { conformanceRoutes } from './routes/conformance-routes.js';
import { contractRoutes } from './routes/contract-routes.js';
import { costEntryRoutes } from './routes/cost-entry-routes.js';
import { costRoutes } from './routes/cost-routes.js';
import { dashboardRoutes } from './routes/dashboard-routes.js';
import { decisionLogRoute } from './routes/decision-log-route.js';
import { deliveryCostRoutes } from './routes/delivery-cost-routes.js';
import { doraRoutes } from './routes/dora-routes.js';
import { exchangeRateRoutes } from './routes/exchange-rate-routes.js';
import { exportRoutes } from './routes/export-routes.js';
import { financeRoutes } from './routes/finance-routes.js';
import { focusDatasetRoutes } from './routes/focus-dataset-routes.js';
import { freezeCalendarRoute } from './routes/freeze-calendar-route.js';
import { gatePreviewRoute } from './routes/gate-preview-route.js';
import { governanceConfigRoutes } from './routes/governance-config-routes.js';
import { governanceRoutes } from './routes/governance-routes.js';
import { incidentRoutes } from './routes/incident-routes.js';
import { ingestRoutes } from './routes/ingest-routes.js';
import { invoiceRoutes } from './routes/invoice-routes.js';
import { journalRoutes } from './routes/journal-routes.js';
import { licenceRoutes } from './routes/licence-routes.js';
import { processCostRoute } from './routes/process-cost-route.js';
import { releaseActualsRoutes } from './routes/release-actuals-routes.js';
import { releaseWriteRoutes } from './routes/release-write-routes.js';
import { reviewRoutes } from './routes/review-routes.js';
import { ruleVersionRoute } from './routes/rule-version-route.js';
import { sessionCookieRoutes } from './routes/session-cookie-routes.js';
import { sourceRoutes } from './routes/source-routes.js';
import { systemRoutes } from './routes/system-routes.js';
import { webhookRoutes } from './routes/webhook-routes.js';

/**
 * Every endpoint of the server, in one table: method, path, schemas, permission, handler.
 * The server registers these, the OpenAPI document describes these, and the role-matrix test
 * walks these, so an endpoint cannot exist without being validated, documented and tested.
 */
export function buildRouteTable(version: string): AnyRoute[] {
  const routes: AnyRoute[] = [
    ...systemRoutes,
    ...accessRoutes,
    ...sourceRoutes,
    ...ingestRoutes,
    ...costRoutes,
    ...auditRoutes,
    auditVerifyRoute,
    ...financeRoutes,
    ...allocationRoutes,
    ruleVersionRoute,
    ...governanceRoutes,
    ...changeRequestRoutes,
    ...governanceConfigRoutes,
    ...releaseWriteRoutes,
    ...incidentRoutes,
    breakGlassRoute,
    decisionLogRoute,
    processCostRoute,
    ...dashboardRoutes,
    ...webhookRoutes,
    ...exportRoutes,
    ...invoiceRoutes,
    ...costEntryRoutes,
    ...exchangeRateRoutes,
    ...focusDatasetRoutes,
    ...doraRoutes,
    ...assetRoutes,
    freezeCalendarRoute,
    ...budgetWriteRoutes,
    ...journalRoutes,
    ...releaseActualsRoutes,
    ...deliveryCostRoutes,
    ...contractRoutes,
    ...licenceRoutes,
    ...alertFeedbackRoutes,
    ...channelRoutes,
    gatePreviewRoute,
    ...sessionCookieRoutes,
    approverRolesRoute,
    ...adminAccessRoutes,
    changeRiskRoute,
    ...conformanceRoutes,
    ...reviewRoutes,
  ];
  let document: unknown;
  routes.push(
    defineRoute({
      id: 'getOpenApiDocument',
      method: 'GET',
      path: '/api/v1/openapi.json',
      summary: 'This API described as OpenAPI 3.1, generated from the route table',
      tag: 'system',
      permission: 'public',
      response: z.record(z.string(), z.unknown()),
      handler: async () => {
        document ??= buildOpenApiDocument(routes, version);
        return document as Record<string, unknown>;
      },
    }),
  );
  return routes;
}

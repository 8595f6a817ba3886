/**
 * Names for the API answers the dashboard reads, each one an alias of the type generated from
 * the server's OpenAPI document (web/src/generated/api-types.ts, written by
 * scripts/generate-api-types.ts at build time). Nothing here is written by hand: a server
 * change that breaks a view fails the type check.
 */
import type { operations } from './generated/api-types.js';

type SuccessStatus = 200 | 201 | 202;
type JsonOf<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type Responses<Op extends keyof operations> = operations[Op]['responses'];

/** The JSON body of an operation's success answer, by its operationId. */
export type ApiAnswer<Op extends keyof operations> = JsonOf<
  Responses<Op>[Extract<keyof Responses<Op>, SuccessStatus>]
>;

export type Me = ApiAnswer<'getMe'>;
export type Role = Me['role'];
export type Permission = Me['permissions'][number];
export type SessionAnswer = ApiAnswer<'signIn'>;
export type CookieSessionAnswer = ApiAnswer<'signInWithCookie'>;
export type CurrentSession = ApiAnswer<'getSession'>;
export type ApproverRolesAnswer = ApiAnswer<'getMyApproverRoles'>;

export type CostReport = ApiAnswer<'queryCosts'>;
export type CostMetric = CostReport['metric'];
export type DataRangeAnswer = ApiAnswer<'getDataRange'>;
export type CalendarAnswer = ApiAnswer<'getDeploymentCalendar'>;
export type AuditPage = ApiAnswer<'listAuditEntries'>;
export type AuditVerification = ApiAnswer<'verifyAuditLog'>;

export type BudgetDescription = ApiAnswer<'listBudgets'>[number];
export type BudgetStatusesAnswer = ApiAnswer<'getBudgetStatuses'>;
/** A budget's status and the forecast behind it, as the batch answer carries them for each budget. */
export type BudgetStatusAnswer = Pick<ApiAnswer<'getBudgetStatus'>, 'status' | 'forecast'>;
export type BudgetStatus = NonNullable<BudgetStatusesAnswer['budgets'][number]['status']>;
export type ForecastAnswer = ApiAnswer<'getForecast'>[number];
export type AlertRecord = ApiAnswer<'listAlerts'>[number];

export type CatalogAnswer = ApiAnswer<'getCatalog'>;
export type Change = ApiAnswer<'listChanges'>[number];
export type ChangeDetail = ApiAnswer<'getChange'>;
export type Approval = ChangeDetail['approvals'][number];
export type GateDecision = ApiAnswer<'gateDecision'>;

export type ReleaseRow = ApiAnswer<'listReleases'>[number];
export type ReleaseReport = ApiAnswer<'getRelease'>;
export type Deployment = ApiAnswer<'listDeployments'>[number];
export type KpiReport = ApiAnswer<'getKpis'>;
export type ProcessCostReport = ApiAnswer<'getProcessCost'>;

export type RuleSetVersion = ApiAnswer<'listRuleVersions'>[number];
export type RuleVersionDetail = ApiAnswer<'getRuleVersion'>;
export type RuleDiff = ApiAnswer<'diffRuleVersions'>;
export type RulesPreview = ApiAnswer<'previewRules'>;
export type QualityReport = ApiAnswer<'getQuality'>;
export type TeamStatement = ApiAnswer<'getStatement'>;
export type StatementCurrency = TeamStatement['currencies'][number];
export type InvoiceReconciliationAnswer = ApiAnswer<'reconcileInvoices'>;
export type InvoiceRow = InvoiceReconciliationAnswer['invoices'][number];

/** The policy roles a person approves as (the API checks that they hold it). */
export const APPROVER_ROLES = ['service-owner', 'cab', 'budget-owner', 'finance', 'executive'] as const;

export function hasPermission(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}
export type ReleaseActualsAnswer = ApiAnswer<'getReleaseActuals'>;
export type EnvironmentTcoAnswer = ApiAnswer<'getEnvironmentTco'>;
export type CiCostAnswer = ApiAnswer<'getCiCost'>;
export type ExplainAnswer = ApiAnswer<'explainAllocation'>;

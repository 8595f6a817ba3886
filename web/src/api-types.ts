/**
 * Names for the API answers the dashboard reads, each one an alias of the type generated from
 * the server's OpenAPI document (web/src/generated/api-types.ts, written by
 * scripts/generate-api-types.ts at build time). Nothing here is written by hand: a server
 * change that breaks a view fails the type check.
 */
import type * as Shapes from './api-shapes.js';
import type { operations } from './generated/api-types.js';

type SuccessStatus = 200 | 201 | 202;
type JsonOf<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type Responses<Op extends keyof operations> = operations[Op]['responses'];

/** The JSON body of an operation's success answer, by its operationId. */
export type ApiAnswer<Op extends keyof operations> = JsonOf<
  Responses<Op>[Extract<keyof Responses<Op>, SuccessStatus>]
>;

/**
 * True when the generated type still has a part the server declares as "anything" (an index
 * signature of unknowns, from a response schema of `anyObject`), at any depth.
 */
type HasLoosePart<T> = unknown extends T
  ? true
  : T extends readonly (infer Item)[]
    ? HasLoosePart<Item>
    : T extends object
      ? string extends keyof T
        ? true
        : true extends { [K in keyof T]-?: HasLoosePart<T[K]> }[keyof T]
          ? true
          : false
      : false;
/** The generated type once the server declares it fully; until then the view's shape (api-shapes.ts). */
type Typed<Generated, Shape> = HasLoosePart<Generated> extends true ? Shape : Generated;

export type Me = ApiAnswer<'getMe'>;
export type Role = Me['role'];
export type Permission = Me['permissions'][number];
export type SessionAnswer = ApiAnswer<'signIn'>;

export type CostReport = ApiAnswer<'queryCosts'>;
export type CostMetric = CostReport['metric'];
export type DataRangeAnswer = ApiAnswer<'getDataRange'>;
export type CalendarAnswer = ApiAnswer<'getDeploymentCalendar'>;
export type AuditPage = ApiAnswer<'listAuditEntries'>;
export type AuditVerification = ApiAnswer<'verifyAuditLog'>;

export type BudgetDescription = Typed<ApiAnswer<'listBudgets'>[number], Shapes.BudgetDescription>;
export type BudgetStatusesAnswer = Typed<ApiAnswer<'getBudgetStatuses'>, Shapes.BudgetStatusesAnswer>;
export type BudgetStatusAnswer = Typed<ApiAnswer<'getBudgetStatus'>, Shapes.BudgetStatusAnswer>;
export type BudgetStatus = NonNullable<BudgetStatusesAnswer['budgets'][number]['status']>;
export type ForecastAnswer = Typed<ApiAnswer<'getForecast'>[number], Shapes.ForecastAnswer>;
export type AlertRecord = Typed<ApiAnswer<'listAlerts'>[number], Shapes.AlertRecord>;

export type CatalogAnswer = Typed<ApiAnswer<'getCatalog'>, Shapes.CatalogAnswer>;
export type Change = Typed<ApiAnswer<'listChanges'>[number], Shapes.Change>;
export type ChangeDetail = Typed<ApiAnswer<'getChange'>, Shapes.ChangeDetail>;
export type Approval = ChangeDetail['approvals'][number];
export type GateDecision = Typed<ApiAnswer<'gateDecision'>, Shapes.GateDecision>;

export type ReleaseRow = Typed<ApiAnswer<'listReleases'>[number], Shapes.ReleaseRow>;
export type ReleaseReport = Typed<ApiAnswer<'getRelease'>, Shapes.ReleaseReport>;
export type Deployment = Typed<ApiAnswer<'listDeployments'>[number], Shapes.Deployment>;
export type KpiReport = Typed<ApiAnswer<'getKpis'>, Shapes.KpiReport>;
export type ProcessCostReport = Typed<ApiAnswer<'getProcessCost'>, Shapes.ProcessCostReport>;

export type RuleSetVersion = Typed<ApiAnswer<'listRuleVersions'>[number], Shapes.RuleSetVersion>;
export type RuleVersionDetail = ApiAnswer<'getRuleVersion'>;
export type RuleDiff = Typed<ApiAnswer<'diffRuleVersions'>, Shapes.RuleDiff>;
export type RulesPreview = Typed<ApiAnswer<'previewRules'>, Shapes.RulesPreview>;
export type QualityReport = Typed<ApiAnswer<'getQuality'>, Shapes.QualityReport>;
export type TeamStatement = Typed<ApiAnswer<'getStatement'>, Shapes.TeamStatement>;
export type StatementCurrency = TeamStatement['currencies'][number];

/** The policy roles a person approves as (the API checks that they hold it). */
export const APPROVER_ROLES = ['service-owner', 'cab', 'budget-owner', 'finance', 'executive'] as const;

export function hasPermission(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

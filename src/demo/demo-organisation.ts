import type { Catalog, Criticality, Environment, Service } from '../core/catalog/catalog-model.js';

/**
 * The demo organisation: Acme Retail, an online retailer with three business units, ten teams
 * and thirty-three services running on AWS, Microsoft Azure and Google Cloud. The generator
 * bills it; the service catalogue, allocation rules and release work can reuse the same
 * organisation (DEMO_CATALOG is a plain Catalog) so that demos line up end to end.
 */

export * from './demo-billing-accounts.js';
export * from './demo-provider-services.js';

import { DEMO_ACCOUNTS, type DemoBillingAccount } from './demo-billing-accounts.js';
import type { ResourceKind } from './demo-provider-services.js';
import { DEMO_REVENUE_PER_OUTAGE_HOUR } from './governance/demo-outage-revenue.js';

export interface DemoService extends Service {
  /** Billing account keys the service runs in; the first one carries most of it. */
  accounts: string[];
  kinds: ResourceKind[];
  /** Relative size of the service's spend. */
  weight: number;
}

export const DEMO_ENVIRONMENTS: Environment[] = [
  { id: 'prod', name: 'Production', production: true },
  { id: 'staging', name: 'Staging', production: false },
  { id: 'dev', name: 'Development', production: false },
];

export const DEMO_BUSINESS_UNITS = [
  { id: 'commerce', name: 'Digital Commerce' },
  { id: 'data-ai', name: 'Data and AI' },
  { id: 'technology', name: 'Technology Platform' },
];

export const DEMO_COST_CENTRES = [
  { id: 'cc-1100', name: 'Payments and Checkout', businessUnit: 'commerce' },
  { id: 'cc-1200', name: 'Storefront', businessUnit: 'commerce' },
  { id: 'cc-1300', name: 'Customer Identity', businessUnit: 'commerce' },
  { id: 'cc-2100', name: 'Data Platform', businessUnit: 'data-ai' },
  { id: 'cc-2200', name: 'Machine Learning', businessUnit: 'data-ai' },
  { id: 'cc-3100', name: 'Platform Engineering', businessUnit: 'technology' },
];

export const DEMO_TEAMS = [
  { id: 'payments', name: 'Payments', costCentre: 'cc-1100' },
  { id: 'checkout', name: 'Checkout', costCentre: 'cc-1100' },
  { id: 'catalog', name: 'Catalog', costCentre: 'cc-1200' },
  { id: 'search', name: 'Search and Discovery', costCentre: 'cc-1200' },
  { id: 'mobile', name: 'Mobile Apps', costCentre: 'cc-1200' },
  { id: 'identity', name: 'Identity', costCentre: 'cc-1300' },
  { id: 'data-platform', name: 'Data Platform', costCentre: 'cc-2100' },
  { id: 'ml', name: 'Machine Learning', costCentre: 'cc-2200' },
  { id: 'platform', name: 'Platform', costCentre: 'cc-3100' },
  { id: 'observability', name: 'Observability', costCentre: 'cc-3100' },
];

const ALL_ENVS = ['prod', 'staging', 'dev'];

function svc(
  id: string,
  name: string,
  ownerTeam: string,
  criticality: Criticality,
  accounts: string[],
  kinds: ResourceKind[],
  weight: number,
  environments: string[] = ALL_ENVS,
): DemoService {
  const costCentre = DEMO_TEAMS.find((team) => team.id === ownerTeam)!.costCentre;
  return { id, name, ownerTeam, costCentre, criticality, environments, accounts, kinds, weight };
}

export const DEMO_SERVICES: DemoService[] = [
  svc(
    'payments-api',
    'Payments API',
    'payments',
    'critical',
    ['aws-us', 'aws-eu'],
    ['compute', 'database', 'cache', 'load-balancer'],
    5,
  ),
  svc(
    'payment-gateway',
    'Payment Gateway',
    'payments',
    'critical',
    ['aws-us'],
    ['compute', 'messaging', 'load-balancer'],
    3,
  ),
  svc('fraud-scoring', 'Fraud Scoring', 'payments', 'high', ['gcp'], ['ml', 'compute', 'serverless'], 3),
  svc('ledger', 'Ledger', 'payments', 'critical', ['aws-us'], ['database', 'object-storage'], 2),
  svc(
    'checkout-api',
    'Checkout API',
    'checkout',
    'critical',
    ['aws-us', 'aws-eu'],
    ['compute', 'kubernetes', 'cache'],
    5,
  ),
  svc(
    'cart-service',
    'Cart Service',
    'checkout',
    'high',
    ['aws-us', 'aws-eu'],
    ['compute', 'cache', 'database'],
    3,
  ),
  svc(
    'order-service',
    'Order Service',
    'checkout',
    'critical',
    ['aws-us'],
    ['compute', 'database', 'messaging'],
    4,
  ),
  svc('catalog-api', 'Catalog API', 'catalog', 'high', ['aws-us'], ['compute', 'database', 'cache'], 4),
  svc('product-media', 'Product Media', 'catalog', 'medium', ['aws-us'], ['object-storage', 'cdn'], 4, [
    'prod',
    'dev',
  ]),
  svc('pricing-engine', 'Pricing Engine', 'catalog', 'high', ['aws-us'], ['compute', 'serverless'], 2),
  svc('search-api', 'Search API', 'search', 'high', ['aws-us'], ['compute', 'cache', 'load-balancer'], 3),
  svc(
    'search-indexer',
    'Search Indexer',
    'search',
    'medium',
    ['gcp'],
    ['compute', 'messaging', 'object-storage'],
    2,
  ),
  svc('recommendations', 'Recommendations', 'search', 'medium', ['gcp'], ['ml', 'compute', 'warehouse'], 3),
  svc(
    'mobile-bff',
    'Mobile Backend for Frontend',
    'mobile',
    'high',
    ['aws-us'],
    ['compute', 'load-balancer'],
    2,
  ),
  svc(
    'push-notifications',
    'Push Notifications',
    'mobile',
    'medium',
    ['aws-us'],
    ['serverless', 'messaging'],
    1,
  ),
  svc(
    'auth-service',
    'Authentication',
    'identity',
    'critical',
    ['azure', 'aws-us'],
    ['compute', 'database', 'cache'],
    3,
  ),
  svc('customer-profile', 'Customer Profile', 'identity', 'high', ['azure'], ['compute', 'database'], 2),
  svc(
    'consent-service',
    'Consent Service',
    'identity',
    'medium',
    ['azure', 'aws-eu'],
    ['serverless', 'database'],
    1,
  ),
  svc('data-lake', 'Data Lake', 'data-platform', 'high', ['gcp'], ['object-storage', 'warehouse'], 5, [
    'prod',
    'dev',
  ]),
  svc(
    'etl-pipelines',
    'ETL Pipelines',
    'data-platform',
    'medium',
    ['gcp'],
    ['compute', 'kubernetes', 'messaging'],
    4,
  ),
  svc(
    'bi-warehouse',
    'BI Warehouse',
    'data-platform',
    'medium',
    ['azure'],
    ['warehouse', 'object-storage'],
    3,
    ['prod', 'dev'],
  ),
  svc('event-streaming', 'Event Streaming', 'data-platform', 'high', ['gcp'], ['messaging', 'compute'], 2),
  svc('ml-training', 'Model Training', 'ml', 'low', ['gcp'], ['ml', 'object-storage'], 4, ['prod', 'dev']),
  svc(
    'ml-inference',
    'Model Inference',
    'ml',
    'high',
    ['gcp', 'aws-us'],
    ['compute', 'ml', 'load-balancer'],
    3,
  ),
  svc(
    'shopping-assistant',
    'Shopping Assistant',
    'ml',
    'medium',
    ['azure'],
    ['genai', 'serverless', 'database'],
    3,
  ),
  svc(
    'k8s-platform',
    'Kubernetes Platform',
    'platform',
    'critical',
    ['aws-us', 'aws-eu', 'gcp'],
    ['kubernetes', 'compute', 'load-balancer'],
    5,
  ),
  svc(
    'ci-runners',
    'CI Runners',
    'platform',
    'medium',
    ['azure', 'aws-us'],
    ['compute', 'object-storage'],
    3,
    ['dev'],
  ),
  svc(
    'api-gateway',
    'API Gateway',
    'platform',
    'critical',
    ['aws-us', 'aws-eu'],
    ['load-balancer', 'compute', 'cdn'],
    3,
  ),
  svc(
    'shared-network',
    'Shared Network',
    'platform',
    'high',
    ['aws-us', 'aws-eu', 'azure', 'gcp'],
    ['load-balancer', 'cdn'],
    2,
    ['prod'],
  ),
  svc('secrets-vault', 'Secrets Vault', 'platform', 'critical', ['aws-us'], ['compute', 'database'], 1),
  svc(
    'logging',
    'Central Logging',
    'observability',
    'high',
    ['aws-us', 'azure', 'gcp'],
    ['monitoring', 'object-storage'],
    4,
    ['prod', 'staging'],
  ),
  svc('metrics', 'Metrics and Alerting', 'observability', 'high', ['aws-us'], ['monitoring', 'compute'], 2, [
    'prod',
  ]),
  svc(
    'tracing',
    'Distributed Tracing',
    'observability',
    'medium',
    ['aws-us', 'gcp'],
    ['monitoring', 'database'],
    1,
    ['prod', 'staging'],
  ),
];

/** The organisation as a service catalogue, ready for `tollgate catalog` and allocation rules. */
export const DEMO_CATALOG: Catalog = {
  businessUnits: DEMO_BUSINESS_UNITS,
  costCentres: DEMO_COST_CENTRES,
  teams: DEMO_TEAMS,
  services: DEMO_SERVICES.map(({ id, name, ownerTeam, costCentre, criticality, environments }) => ({
    id,
    name,
    ownerTeam,
    costCentre,
    criticality,
    environments,
    ...(DEMO_REVENUE_PER_OUTAGE_HOUR[id] === undefined
      ? {}
      : { revenuePerOutageHour: DEMO_REVENUE_PER_OUTAGE_HOUR[id] }),
  })),
  environments: DEMO_ENVIRONMENTS,
};

/** The tag keys the organisation's tagging policy asks for on every resource. */
export const DEMO_TAG_KEYS = ['team', 'service', 'env', 'cost-center'] as const;

export function findDemoAccount(key: string): DemoBillingAccount {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.key === key);
  if (!account) throw new Error(`unknown demo account ${key}`);
  return account;
}

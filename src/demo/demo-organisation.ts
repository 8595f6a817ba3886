import type { Catalog, Criticality, Environment, Service } from '../core/catalog/catalog-model.js';

/**
 * The demo organisation: Acme Retail, an online retailer with three business units, ten teams
 * and thirty-three services running on AWS, Microsoft Azure and Google Cloud. The generator
 * bills it; the service catalogue, allocation rules and release work can reuse the same
 * organisation (DEMO_CATALOG is a plain Catalog) so that demos line up end to end.
 */

export type DemoProviderName = 'AWS' | 'Microsoft' | 'Google Cloud';
export type DemoCurrency = 'USD' | 'EUR';
export type ResourceKind =
  | 'compute'
  | 'kubernetes'
  | 'database'
  | 'cache'
  | 'object-storage'
  | 'serverless'
  | 'cdn'
  | 'warehouse'
  | 'ml'
  | 'genai'
  | 'monitoring'
  | 'messaging'
  | 'load-balancer';

/** How one provider sells one kind of resource, as its FOCUS export names it. */
export interface ProviderService {
  serviceName: string;
  serviceCategory: string;
  serviceSubcategory: string;
  skuMeter: string;
  pricingUnit: string;
  resourceType: string;
  /** List price per pricing unit in USD; EUR accounts pay the account's price factor times it. */
  listUnitPriceUsd: number;
  /** Spend that the account's commitment discount can cover. */
  commitmentEligible: boolean;
}

export interface DemoSubAccount {
  id: string;
  name: string;
  type: string;
  environment: string;
}

export interface DemoCommitment {
  id: string;
  name: string;
  type: string;
  category: 'Spend' | 'Usage';
  /** Discount of the committed rate against the list price, in percent. */
  discountPercent: number;
  /** Share of the eligible production spend of the first day that the commitment is sized to cover. */
  coverage: number;
}

export interface DemoBillingAccount {
  /** A short stable key, used in folder names. */
  key: string;
  id: string;
  name: string;
  type: string;
  providerName: DemoProviderName;
  publisherName: string;
  invoiceIssuerName: string;
  currency: DemoCurrency;
  /** Price of one USD list-price unit in the billing currency. */
  priceFactor: number;
  /** Negotiated discount off list prices (ContractedCost), in percent. */
  negotiatedDiscountPercent: number;
  /** Tax on the invoice (sales tax or VAT), in basis points; 0 when reverse-charged. */
  taxBasisPoints: number;
  /** Monthly credit as a share of the month's on-demand usage, in basis points, and its wording. */
  credit: { basisPoints: number; description: string; serviceKind: ResourceKind };
  /** Yearly usage spend at list price the generator aims at, in the billing currency. */
  yearlySpend: number;
  regions: { id: string; name: string; zones: string[] }[];
  subAccounts: DemoSubAccount[];
  services: Partial<Record<ResourceKind, ProviderService>>;
  commitment?: DemoCommitment;
}

export interface DemoService extends Service {
  /** Billing account keys the service runs in; the first one carries most of it. */
  accounts: string[];
  kinds: ResourceKind[];
  /** Relative size of the service's spend. */
  weight: number;
}

const ps = (
  serviceName: string,
  serviceCategory: string,
  serviceSubcategory: string,
  skuMeter: string,
  pricingUnit: string,
  resourceType: string,
  listUnitPriceUsd: number,
  commitmentEligible = false,
): ProviderService => ({
  serviceName,
  serviceCategory,
  serviceSubcategory,
  skuMeter,
  pricingUnit,
  resourceType,
  listUnitPriceUsd,
  commitmentEligible,
});

const AWS_SERVICES: DemoBillingAccount['services'] = {
  compute: ps(
    'Amazon Elastic Compute Cloud',
    'Compute',
    'Virtual Machines',
    'BoxUsage:m6i.xlarge',
    'Hrs',
    'Instance',
    0.192,
    true,
  ),
  kubernetes: ps(
    'Amazon Elastic Kubernetes Service',
    'Compute',
    'Containers',
    'AmazonEKS-Hours:perCluster',
    'Hours',
    'Cluster',
    0.1,
  ),
  database: ps(
    'Amazon Relational Database Service',
    'Databases',
    'Relational Databases',
    'InstanceUsage:db.r6g.xl',
    'Hrs',
    'DB Instance',
    0.482,
  ),
  cache: ps(
    'Amazon ElastiCache',
    'Databases',
    'Caching',
    'NodeUsage:cache.r6g.large',
    'Hrs',
    'Cache Node',
    0.206,
  ),
  'object-storage': ps(
    'Amazon Simple Storage Service',
    'Storage',
    'Object Storage',
    'TimedStorage-ByteHrs',
    'GB-Mo',
    'Bucket',
    0.023,
  ),
  serverless: ps(
    'AWS Lambda',
    'Compute',
    'Serverless Compute',
    'Lambda-GB-Second',
    'Lambda-GB-Second',
    'Function',
    0.000017,
  ),
  cdn: ps(
    'Amazon CloudFront',
    'Networking',
    'Content Delivery',
    'DataTransfer-Out-Bytes',
    'GB',
    'Distribution',
    0.085,
  ),
  warehouse: ps(
    'Amazon Redshift',
    'Databases',
    'Data Warehouses',
    'Node:ra3.xlplus',
    'Hrs',
    'Cluster',
    1.086,
  ),
  ml: ps(
    'Amazon SageMaker',
    'AI and Machine Learning',
    'Machine Learning',
    'ml.g5.xlarge-Training',
    'Hrs',
    'Training Job',
    1.408,
  ),
  genai: ps(
    'Amazon Bedrock',
    'AI and Machine Learning',
    'Generative AI',
    'InputTokenCount',
    '1K Tokens',
    'Model',
    0.003,
  ),
  monitoring: ps(
    'AmazonCloudWatch',
    'Management and Governance',
    'Observability',
    'DataProcessing-Bytes',
    'GB',
    'Log Group',
    0.5,
  ),
  messaging: ps(
    'Amazon Simple Queue Service',
    'Integration',
    'Messaging',
    'Requests-Tier1',
    'Million Requests',
    'Queue',
    0.4,
  ),
  'load-balancer': ps(
    'Elastic Load Balancing',
    'Networking',
    'Application Networking',
    'LoadBalancerUsage',
    'LCU-Hrs',
    'Load Balancer',
    0.0225,
  ),
};

const AZURE_SERVICES: DemoBillingAccount['services'] = {
  compute: ps(
    'Virtual Machines',
    'Compute',
    'Virtual Machines',
    'D4s v5',
    '1 Hour',
    'Microsoft.Compute/virtualMachines',
    0.192,
    true,
  ),
  kubernetes: ps(
    'Azure Kubernetes Service',
    'Compute',
    'Containers',
    'Standard Uptime SLA',
    '1 Hour',
    'Microsoft.ContainerService/managedClusters',
    0.1,
  ),
  database: ps(
    'SQL Database',
    'Databases',
    'Relational Databases',
    'vCore',
    '1 Hour',
    'Microsoft.Sql/servers/databases',
    0.505,
  ),
  cache: ps(
    'Azure Cache for Redis',
    'Databases',
    'Caching',
    'P1 Cache Instance',
    '1 Hour',
    'Microsoft.Cache/Redis',
    0.228,
  ),
  'object-storage': ps(
    'Storage',
    'Storage',
    'Object Storage',
    'Hot LRS Data Stored',
    '1 GB/Month',
    'Microsoft.Storage/storageAccounts',
    0.0184,
  ),
  serverless: ps(
    'Functions',
    'Compute',
    'Serverless Compute',
    'Total Executions',
    '10 Executions',
    'Microsoft.Web/sites',
    0.000002,
  ),
  cdn: ps(
    'Content Delivery Network',
    'Networking',
    'Content Delivery',
    'Standard Data Transfer',
    '1 GB',
    'Microsoft.Cdn/profiles',
    0.081,
  ),
  warehouse: ps(
    'Azure Synapse Analytics',
    'Databases',
    'Data Warehouses',
    'DW100c',
    '1 Hour',
    'Microsoft.Synapse/workspaces',
    1.2,
  ),
  ml: ps(
    'Azure Machine Learning',
    'AI and Machine Learning',
    'Machine Learning',
    'NC6s v3',
    '1 Hour',
    'Microsoft.MachineLearningServices/workspaces',
    3.06,
  ),
  genai: ps(
    'Azure OpenAI',
    'AI and Machine Learning',
    'Generative AI',
    'gpt-4o-input-global-Tokens',
    '1K Tokens',
    'Microsoft.CognitiveServices/accounts',
    0.0025,
  ),
  monitoring: ps(
    'Log Analytics',
    'Management and Governance',
    'Observability',
    'Analytics Logs Data Ingestion',
    '1 GB',
    'Microsoft.OperationalInsights/workspaces',
    2.3,
  ),
  messaging: ps(
    'Service Bus',
    'Integration',
    'Messaging',
    'Premium Messaging Unit',
    '1 Hour',
    'Microsoft.ServiceBus/namespaces',
    0.928,
  ),
  'load-balancer': ps(
    'Application Gateway',
    'Networking',
    'Application Networking',
    'Standard Capacity Units',
    '1 Hour',
    'Microsoft.Network/applicationGateways',
    0.008,
  ),
};

const GCP_SERVICES: DemoBillingAccount['services'] = {
  compute: ps(
    'Compute Engine',
    'Compute',
    'Virtual Machines',
    'N2 Instance Core running in Americas',
    'hour',
    'compute.googleapis.com/Instance',
    0.19,
    true,
  ),
  kubernetes: ps(
    'Kubernetes Engine',
    'Compute',
    'Containers',
    'Regional Kubernetes Clusters',
    'hour',
    'container.googleapis.com/Cluster',
    0.1,
  ),
  database: ps(
    'Cloud SQL',
    'Databases',
    'Relational Databases',
    'Cloud SQL for PostgreSQL: Regional - vCPU',
    'hour',
    'sqladmin.googleapis.com/Instance',
    0.413,
  ),
  cache: ps(
    'Cloud Memorystore for Redis',
    'Databases',
    'Caching',
    'Redis Capacity Standard M2',
    'gibibyte hour',
    'redis.googleapis.com/Instance',
    0.049,
  ),
  'object-storage': ps(
    'Cloud Storage',
    'Storage',
    'Object Storage',
    'Standard Storage US Multi-region',
    'gibibyte month',
    'storage.googleapis.com/Bucket',
    0.026,
  ),
  serverless: ps(
    'Cloud Run',
    'Compute',
    'Serverless Compute',
    'CPU Allocation Time',
    'vCPU-second',
    'run.googleapis.com/Service',
    0.000024,
  ),
  cdn: ps(
    'Networking',
    'Networking',
    'Content Delivery',
    'Cloud CDN Cache Egress',
    'gibibyte',
    'compute.googleapis.com/BackendBucket',
    0.08,
  ),
  warehouse: ps(
    'BigQuery',
    'Databases',
    'Data Warehouses',
    'Analysis',
    'tebibyte',
    'bigquery.googleapis.com/Dataset',
    6.25,
  ),
  ml: ps(
    'Vertex AI',
    'AI and Machine Learning',
    'AI Platforms',
    'Custom Training NVIDIA L4 GPU',
    'hour',
    'aiplatform.googleapis.com/CustomJob',
    0.644,
  ),
  genai: ps(
    'Gemini API',
    'AI and Machine Learning',
    'Generative AI',
    'Gemini 2.5 Pro Input Tokens',
    '1K Tokens',
    'generativelanguage.googleapis.com/Model',
    0.00125,
  ),
  monitoring: ps(
    'Cloud Logging',
    'Management and Governance',
    'Observability',
    'Log Volume',
    'gibibyte',
    'logging.googleapis.com/Bucket',
    0.5,
  ),
  messaging: ps(
    'Cloud Pub/Sub',
    'Integration',
    'Messaging',
    'Message Delivery Basic',
    'tebibyte',
    'pubsub.googleapis.com/Topic',
    40,
  ),
  'load-balancer': ps(
    'Cloud Load Balancing',
    'Networking',
    'Application Networking',
    'Forwarding Rule Minimum',
    'hour',
    'compute.googleapis.com/ForwardingRule',
    0.025,
  ),
};

export const DEMO_ENVIRONMENTS: Environment[] = [
  { id: 'prod', name: 'Production', production: true },
  { id: 'staging', name: 'Staging', production: false },
  { id: 'dev', name: 'Development', production: false },
];

export const DEMO_ACCOUNTS: DemoBillingAccount[] = [
  {
    key: 'aws-us',
    id: '472913046185',
    name: 'Acme Retail',
    type: 'Management Account',
    providerName: 'AWS',
    publisherName: 'Amazon Web Services, Inc.',
    invoiceIssuerName: 'Amazon Web Services, Inc.',
    currency: 'USD',
    priceFactor: 1,
    negotiatedDiscountPercent: 6,
    taxBasisPoints: 625,
    credit: { basisPoints: 150, description: 'AWS Activate promotional credits', serviceKind: 'compute' },
    yearlySpend: 2_600_000,
    regions: [
      { id: 'us-east-1', name: 'US East (N. Virginia)', zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] },
      { id: 'us-west-2', name: 'US West (Oregon)', zones: ['us-west-2a', 'us-west-2b'] },
    ],
    subAccounts: [
      { id: '318204775109', name: 'acme-prod', type: 'Member Account', environment: 'prod' },
      { id: '529017463382', name: 'acme-staging', type: 'Member Account', environment: 'staging' },
      { id: '664820193751', name: 'acme-dev', type: 'Member Account', environment: 'dev' },
    ],
    services: AWS_SERVICES,
    commitment: {
      id: 'arn:aws:savingsplans::472913046185:savingsplan/5e1c2a7d-93b4-4f0e-8d2a-1b7c9e6f3a20',
      name: 'Compute Savings Plan 3yr No Upfront',
      type: 'Savings Plan',
      category: 'Spend',
      discountPercent: 34,
      coverage: 0.7,
    },
  },
  {
    key: 'aws-eu',
    id: '815360274491',
    name: 'Acme Retail Europe',
    type: 'Management Account',
    providerName: 'AWS',
    publisherName: 'Amazon Web Services, Inc.',
    invoiceIssuerName: 'Amazon Web Services EMEA SARL',
    currency: 'EUR',
    priceFactor: 0.92,
    negotiatedDiscountPercent: 4,
    // EU business customers are reverse-charged: the invoice carries no VAT line.
    taxBasisPoints: 0,
    credit: {
      basisPoints: 80,
      description: 'AWS Migration Acceleration Program credit',
      serviceKind: 'database',
    },
    yearlySpend: 700_000,
    regions: [
      { id: 'eu-central-1', name: 'Europe (Frankfurt)', zones: ['eu-central-1a', 'eu-central-1b'] },
      { id: 'eu-west-1', name: 'Europe (Ireland)', zones: ['eu-west-1a', 'eu-west-1b'] },
    ],
    subAccounts: [
      { id: '903318642057', name: 'acme-eu-prod', type: 'Member Account', environment: 'prod' },
      { id: '274605519830', name: 'acme-eu-staging', type: 'Member Account', environment: 'staging' },
      { id: '140952386617', name: 'acme-eu-dev', type: 'Member Account', environment: 'dev' },
    ],
    services: AWS_SERVICES,
  },
  {
    key: 'azure',
    id: '7c1e5a93-2f84-4d6b-a0c7-39e81b5d2f46:0b9d4e27-6a13-48f5-9c2e-d75a1f803b64_2019-05-31',
    name: 'Acme Retail GmbH',
    type: 'Billing Profile',
    providerName: 'Microsoft',
    publisherName: 'Microsoft',
    invoiceIssuerName: 'Microsoft',
    currency: 'EUR',
    priceFactor: 0.93,
    negotiatedDiscountPercent: 9,
    taxBasisPoints: 1900,
    credit: { basisPoints: 100, description: 'Azure Prepayment usage credit', serviceKind: 'genai' },
    yearlySpend: 900_000,
    regions: [
      { id: 'westeurope', name: 'West Europe', zones: ['1', '2', '3'] },
      { id: 'germanywestcentral', name: 'Germany West Central', zones: ['1', '2'] },
    ],
    subAccounts: [
      {
        id: 'b6f0c2d4-81a7-4e95-b3c8-5d2e7f190a63',
        name: 'acme-prod-sub',
        type: 'Subscription',
        environment: 'prod',
      },
      {
        id: '3e8a1c57-d4b2-49f6-a071-c95e2d83b4f1',
        name: 'acme-staging-sub',
        type: 'Subscription',
        environment: 'staging',
      },
      {
        id: 'f1d72b09-5c3e-4a86-9e14-07ab6c5d38e2',
        name: 'acme-dev-sub',
        type: 'Subscription',
        environment: 'dev',
      },
    ],
    services: AZURE_SERVICES,
    commitment: {
      id: '/providers/Microsoft.Capacity/reservationOrders/9f2d5c81-4b7a-4e36-8a1d-c2e5f7093b48/reservations/1a6e3d92-07c5-4f8b-b2d4-e9c1a5f7083d',
      name: 'VM_RI_Dsv5_3yr',
      type: 'Reservation',
      category: 'Usage',
      discountPercent: 41,
      coverage: 0.6,
    },
  },
  {
    key: 'gcp',
    id: '01A7C3-5E92B4-D1F608',
    name: 'Acme Retail Data',
    type: 'Billing Account',
    providerName: 'Google Cloud',
    publisherName: 'Google Cloud',
    invoiceIssuerName: 'Google Cloud',
    currency: 'USD',
    priceFactor: 1,
    negotiatedDiscountPercent: 5,
    taxBasisPoints: 0,
    credit: { basisPoints: 300, description: 'Sustained use discount', serviceKind: 'compute' },
    yearlySpend: 1_300_000,
    regions: [
      { id: 'us-central1', name: 'Iowa', zones: ['us-central1-a', 'us-central1-b', 'us-central1-c'] },
      { id: 'europe-west4', name: 'Netherlands', zones: ['europe-west4-a', 'europe-west4-b'] },
    ],
    subAccounts: [
      { id: 'acme-data-prod', name: 'Acme Data Prod', type: 'Project', environment: 'prod' },
      { id: 'acme-data-staging', name: 'Acme Data Staging', type: 'Project', environment: 'staging' },
      { id: 'acme-data-dev', name: 'Acme Data Dev', type: 'Project', environment: 'dev' },
    ],
    services: GCP_SERVICES,
    commitment: {
      id: 'projects/acme-data-prod/regions/us-central1/commitments/cud-n2-flex-2025',
      name: 'Compute flexible committed use discount, 1 year',
      type: 'Committed Use Discount',
      category: 'Spend',
      discountPercent: 28,
      coverage: 0.65,
    },
  },
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

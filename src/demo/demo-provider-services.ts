/**
 * How AWS, Microsoft Azure and Google Cloud sell each kind of resource the demo organisation
 * runs, with the service names, categories and meters their FOCUS exports use.
 */
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

export type ProviderServices = Partial<Record<ResourceKind, ProviderService>>;

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

export const AWS_SERVICES: ProviderServices = {
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

export const AZURE_SERVICES: ProviderServices = {
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

export const GCP_SERVICES: ProviderServices = {
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

import type { DeploymentCost } from '../core/governance/deployment-cost-model.js';
import type { DeploymentRecord } from '../core/governance/deployment-record.js';
import type { CostedDeployment } from '../core/governance/unit-costs.js';

export interface DeploymentFilter {
  service?: string | undefined;
  environment?: string | undefined;
  releaseId?: string | undefined;
  /** Deployments that finished at or after `from` and before `to`. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface DeploymentStore {
  nextDeploymentId(): Promise<string>;
  findDeploymentByDeliveryKey(deliveryKey: string): Promise<CostedDeployment | undefined>;
  getDeployment(id: string): Promise<CostedDeployment | undefined>;
  insertDeployment(record: DeploymentRecord, cost: DeploymentCost): Promise<void>;
  listDeployments(filter?: DeploymentFilter): Promise<CostedDeployment[]>;
  /** Batches (optional: callers fall back to the methods above, one deployment at a time). */
  nextDeploymentIds?(count: number): Promise<string[]>;
  /** The id recorded under each of these delivery keys that is recorded at all. */
  findDeploymentIdsByDeliveryKeys?(deliveryKeys: string[]): Promise<Map<string, string>>;
  insertDeployments?(deployments: { record: DeploymentRecord; cost: DeploymentCost }[]): Promise<void>;
}

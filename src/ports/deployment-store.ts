import type { DeploymentCost } from '../core/governance/deployments/deployment-cost-model.js';
import type { DeploymentRecord } from '../core/governance/deployments/deployment-record.js';
import type { CostedDeployment } from '../core/governance/deployments/unit-costs.js';

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
  /** `count` new ids, in the order drawn: a batch's nextDeploymentId. */
  nextDeploymentIds(count: number): Promise<string[]>;
  /**
   * The id recorded under each of these delivery keys that is recorded at all; like
   * findDeploymentByDeliveryKey, inside a transaction it holds the keys until commit.
   */
  findDeploymentIdsByDeliveryKeys(deliveryKeys: string[]): Promise<Map<string, string>>;
  /** Several deployments in one write: a batch's insertDeployment. */
  insertDeployments(deployments: { record: DeploymentRecord; cost: DeploymentCost }[]): Promise<void>;
}

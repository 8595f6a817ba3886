import type { IncidentRecord } from '../core/governance/deployments/incident-record.js';

export interface IncidentStore {
  nextIncidentId(): Promise<string>;
  findIncidentByDeliveryKey(deliveryKey: string): Promise<IncidentRecord | undefined>;
  getIncident(id: string): Promise<IncidentRecord | undefined>;
  insertIncident(record: IncidentRecord): Promise<void>;
  listIncidents(filter?: { service?: string | undefined }): Promise<IncidentRecord[]>;
}

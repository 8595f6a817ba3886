import type { GateDecision } from '../../core/governance/gate/decide-deployment.js';
import type { RemoteClient } from './remote-client.js';

/** The body of POST /api/v1/gate, in the API's own field names. */
export interface RemoteGateRequest {
  service: string;
  environment: string;
  releaseId?: string;
  version?: string;
  changeType?: string;
  estimate?: string;
  changeId?: string;
  at?: string;
}

/** Asks the server's gate; the decision is the same object `tollgate gate --json` prints. */
export function askRemoteGate(client: RemoteClient, request: RemoteGateRequest): Promise<GateDecision> {
  const body = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
  return client.post<GateDecision>('/api/v1/gate', body);
}

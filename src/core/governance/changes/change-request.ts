import type { ChangeType } from '../governance-types.js';

export type ChangeStatus = 'open' | 'rejected' | 'closed';

/** Why an out-of-cycle change should go now: what expediting costs against what waiting loses. */
export interface OutOfCycleJustification {
  reason: string;
  expediteCost: string;
  costOfDelayPerWeek: string;
}

export interface ChangeRequest {
  id: string;
  service: string;
  environment: string;
  changeType: ChangeType;
  releaseId?: string | undefined;
  version?: string | undefined;
  requestedBy: string;
  estimatedCost: string;
  justification?: OutOfCycleJustification | undefined;
  status: ChangeStatus;
  createdAt: string;
  /** When the change was ready to deploy: the start of the wait the process cost counts. */
  readyAt: string;
  closedAt?: string | undefined;
}

export type ApprovalKind = 'approval' | 'sign-off';

export interface ApprovalRecord {
  changeId: string;
  approver: string;
  role: string;
  kind: ApprovalKind;
  decision: 'approve' | 'reject';
  comment?: string | undefined;
  at: string;
}

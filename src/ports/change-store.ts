import type {
  ApprovalRecord,
  ChangeRequest,
  ChangeStatus,
} from '../core/governance/changes/change-request.js';
import type { BreakGlass, Freeze } from '../core/governance/gate/deployment-calendar.js';

export interface ChangeFilter {
  service?: string | undefined;
  environment?: string | undefined;
  status?: ChangeStatus | undefined;
  releaseId?: string | undefined;
}

/** Change enablement: change requests, their approvals, freezes and break-glass records. */
export interface ChangeStore {
  nextChangeId(): Promise<string>;
  insertChange(change: ChangeRequest): Promise<void>;
  getChange(id: string): Promise<ChangeRequest | undefined>;
  listChanges(filter?: ChangeFilter): Promise<ChangeRequest[]>;
  setChangeStatus(id: string, status: ChangeStatus, closedAt?: string): Promise<void>;
  insertApproval(approval: ApprovalRecord): Promise<void>;
  listApprovals(changeId: string): Promise<ApprovalRecord[]>;
  nextFreezeId(): Promise<string>;
  insertFreeze(freeze: Freeze): Promise<void>;
  listFreezes(): Promise<Freeze[]>;
  nextBreakGlassId(): Promise<string>;
  insertBreakGlass(breakGlass: BreakGlass): Promise<void>;
  listBreakGlass(): Promise<BreakGlass[]>;
  /** The changes of these ids that exist, in one read (a report over many changes). */
  getChanges(ids: readonly string[]): Promise<ChangeRequest[]>;
  /** Every approval of these changes, in one read, ordered by change, time and approver. */
  listApprovalsOfChanges(changeIds: readonly string[]): Promise<ApprovalRecord[]>;
}

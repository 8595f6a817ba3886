/** Shapes of the governance answers the approvals and releases views read (see /api/v1/openapi.json). */

export type ChangeType = 'standard' | 'normal' | 'emergency';
export type ChangeStatus = 'open' | 'rejected' | 'closed';

export interface Change {
  id: string;
  service: string;
  environment: string;
  changeType: ChangeType;
  releaseId?: string;
  version?: string;
  requestedBy: string;
  estimatedCost: string;
  justification?: { reason: string; expediteCost: string; costOfDelayPerWeek: string };
  status: ChangeStatus;
  createdAt: string;
  readyAt: string;
  closedAt?: string;
}

export interface Approval {
  changeId: string;
  approver: string;
  role: string;
  kind: 'approval' | 'sign-off';
  decision: 'approve' | 'reject';
  comment?: string;
  at: string;
}

export interface ChangeDetail {
  change: Change;
  approvals: Approval[];
}

export interface GateDecision {
  decision: 'allow' | 'deny';
  reasons: { check: string; ok: boolean; detail: string }[];
  service: string;
  environment: string;
  changeType: ChangeType;
  version: string | null;
  releaseId: string | null;
  changeId: string | null;
  at: string;
  policyVersion?: string;
  budget?: {
    currency: string;
    amount: string | null;
    spent: string;
    estimate: string;
    headroom: string | null;
  };
  requiredApprovals?: {
    role: string;
    quorum: number;
    eligible: number;
    approvedBy: string[];
    missing: number;
  }[];
}

export interface CatalogService {
  id: string;
  name: string;
  ownerTeam: string;
  costCentre: string;
  criticality: string;
  environments: string[];
}

export interface CatalogAnswer {
  version: number;
  catalog: {
    teams: { id: string; name: string; costCentre: string }[];
    services: CatalogService[];
    environments: { id: string; name: string; production: boolean }[];
    costCentres: { id: string; name: string; businessUnit: string }[];
    businessUnits: { id: string; name: string }[];
  };
}

/** The policy roles a person approves as (the API checks that they hold it). */
export const APPROVER_ROLES = ['service-owner', 'cab', 'budget-owner', 'finance', 'executive'] as const;

import type { Asset } from '../../src/core/assets/asset-model.js';

/** A server bought for 36 000 EUR, in service from 15 January 2026 over three years, salvage 1 200. */
export function serverAsset(overrides: Partial<Asset> = {}): Asset {
  return {
    id: 'srv-001',
    assetClass: 'server',
    ownerTeam: 'payments',
    ownerService: 'payments-api',
    location: 'dc-fra-1',
    currency: 'EUR',
    acquiredOn: '2026-01-05',
    acquisitionCost: '36000',
    inServiceOn: '2026-01-15',
    usefulLifeMonths: 36,
    salvageValue: '1200',
    method: 'straight-line',
    convention: 'full-month',
    status: 'in-service',
    retiredOn: null,
    disposedOn: null,
    impairments: [],
    hostname: 'fra1-srv-001',
    serial: 'SN-0001',
    resourceId: null,
    ...overrides,
  };
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CandidateDeployment,
  rankSuspectDeployments,
} from '../../src/core/anomaly/attribute-deployments.js';

function deployment(
  id: string,
  service: string,
  finishedAt: string,
  ownerTeam?: string,
): CandidateDeployment {
  return {
    id,
    service,
    ownerTeam,
    version: '1.0.0',
    environment: 'production',
    finishedAt,
    outcome: 'succeeded',
  };
}

describe('rankSuspectDeployments', () => {
  it('keeps only deployments of services or teams whose cost moved, strongest change first, at most five', () => {
    const candidates = [
      deployment('d1', 'docs-site', '2026-05-11 10:00:00', 'team-web'),
      deployment('d2', 'payments', '2026-05-11 09:00:00', 'team-pay'),
      deployment('d3', 'checkout-api', '2026-05-11 12:00:00', 'team-shop'),
      deployment('d4', 'ledger', '2026-05-10 08:00:00', 'team-pay'),
      ...Array.from({ length: 6 }, (_, i) =>
        deployment(`p${i}`, 'payments', `2026-05-10 0${i}:00:00`, 'team-pay'),
      ),
    ];
    const ranked = rankSuspectDeployments(candidates, [
      { dimension: 'sub-account', value: 'checkout-api-prod', change: '500.00' },
      { dimension: 'tag:team', value: 'team-pay', change: '120.00' },
      { dimension: 'region', value: 'payments', change: '900.00' },
      { dimension: 'resource', value: 'mypayments-fn', change: '800.00' },
      { dimension: 'billing-account', value: null, change: '50.00' },
    ]);
    assert.deepEqual(
      ranked.map((d) => [d.id, d.matchedBy, d.change]),
      [
        ['d3', 'sub-account=checkout-api-prod', '500.00'],
        ['d2', 'tag:team=team-pay', '120.00'],
        ['d4', 'tag:team=team-pay', '120.00'],
        ['p5', 'tag:team=team-pay', '120.00'],
        ['p4', 'tag:team=team-pay', '120.00'],
      ],
    );
    assert.ok(ranked.every((d) => !('ownerTeam' in d)));
  });

  it('lists nothing when no mover names a deployed service', () => {
    assert.deepEqual(
      rankSuspectDeployments(
        [deployment('d1', 'docs-site', '2026-05-11 10:00:00', 'team-web')],
        [{ dimension: 'service', value: 'docs-site', change: '10.00' }],
      ),
      [],
    );
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startApi } from '../api/api-harness.js';

describe('/metrics with TOLLGATE_METRICS_TOKEN set', async () => {
  const token = 'metrics-token-of-some-length';
  const api = await startApi({ metricsToken: token });

  it('answers only the scraper that sends the token', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-of-some-length', `Bearer ${token}x`, token]) {
      const answer = await api.json('/metrics', {
        role: null,
        headers: authorization ? { authorization } : {},
      });
      assert.equal(answer.status, 401, String(authorization));
      assert.equal(answer.body.error.code, 'AUTH_METRICS_TOKEN');
    }
    const ok = await api.request('/metrics', { role: null, headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /# HELP/);
  });
});

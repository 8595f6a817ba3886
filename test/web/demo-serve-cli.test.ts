import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { copyDemoDatabase } from '../support/demo-server.js';
import { CLI_PATH, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('tollgate demo --serve (npm run demo)', { timeout: 900_000 }, () => {
  it('refuses a port out of range as a usage error before touching the database', async () => {
    const dir = makeTempDir();
    const db = join(dir, 'tollgate.duckdb');
    for (const port of ['70000', '-1', 'http']) {
      const result = await runCli(['--db', db, 'demo', '--serve', '--port', port], { cwd: dir });
      assert.equal(result.code, 2, `${port}: ${result.stderr}`);
      assert.match(result.stderr, /port from 0 to 65535/);
    }
    assert.equal(existsSync(db), false, 'no database was created');
    assert.equal(existsSync(join(dir, 'tollgate-demo-data')), false, 'nothing was generated');
  });

  it('on a database with data: generates nothing, prints the URL and one login per role, and serves the dashboard', async () => {
    const dir = await copyDemoDatabase();
    try {
      const child = spawn(
        process.execPath,
        [CLI_PATH, '--db', join(dir, 'tollgate.duckdb'), 'demo', '--serve', '--port', '0'],
        {
          cwd: dir,
          env: { ...process.env, TOLLGATE_DB: undefined },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const printed = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk) => {
          text += chunk;
          if (text.includes('Stop with Ctrl-C')) resolve(text);
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}: ${text}`)));
      });
      assert.match(printed, /already; serving it as it is/);
      assert.doesNotMatch(printed, /Generated the Acme Retail demo/);
      const url = printed.match(/Tollgate dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/)?.[1];
      assert.ok(url, printed);
      for (const user of ['demo-admin', 'demo-approver', 'demo-viewer'])
        assert.match(printed, new RegExp(user));
      assert.match(printed, /password tollgate-demo-password/);
      const token = printed.match(/demo-viewer\s+viewer\s+(tg_\S+)/)?.[1];
      assert.ok(token, 'the viewer token is printed');

      const page = await fetch(url);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="root">/);
      const me = await fetch(new URL('/api/v1/me', url), { headers: { authorization: `Bearer ${token}` } });
      assert.equal(me.status, 200);
      assert.equal(((await me.json()) as { role: string }).role, 'viewer');
      // The dashboard never shadows the API: an unknown API path is the API's JSON 404.
      const missing = await fetch(new URL('/api/v1/no-such-thing', url));
      assert.equal(missing.status, 404);
      assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'ROUTE_NOT_FOUND');
      const asset = (await (await fetch(url)).text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
      assert.ok(asset);
      const script = await fetch(new URL(asset, url));
      assert.equal(script.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal((await fetch(url)).headers.get('cache-control'), 'no-cache');

      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const MODULE = fileURLToPath(new URL('../../src/api/log-destination.ts', import.meta.url));

/**
 * Runs a child process that logs through bufferedStdout and reports each chunk of standard output
 * it receives. The child's `seen(text)` resolves once the parent has received `text`: the parent
 * answers on the child's standard input, so the test waits on the event itself, not on a clock.
 */
function runLogger(script: string): Promise<{ chunks: { text: string }[]; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { pino } from 'pino'; import { bufferedStdout } from ${JSON.stringify(MODULE)};
         const log = pino({ base: null }, bufferedStdout());
         const seen = (text) => new Promise((resolve) => {
           let heard = '';
           process.stdin.on('data', (chunk) => { heard += chunk; if (heard.includes(text)) resolve(); });
         });
         ${script}`,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const chunks: { text: string }[] = [];
    child.stdin.on('error', () => undefined); // the child may have closed its end already
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      chunks.push({ text });
      // Tell the child which lines have arrived (it may be waiting for one).
      child.stdin.write(`${text}\n`);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ chunks, code }));
  });
}

const lines = (chunks: { text: string }[]) =>
  chunks
    .map((chunk) => chunk.text)
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { msg: string }).msg);

describe('server log lines on standard output, written in blocks', () => {
  it('a quiet server’s line shows up before the process ends, without more lines to push it out', {
    timeout: 60_000,
  }, async () => {
    // The child logs 'second' only once the parent has received 'first': were a quiet line held
    // until exit, the child would wait forever (and the test time out).
    const { chunks, code } = await runLogger(
      `log.info('first'); await seen('"first"'); log.info('second'); process.stdin.destroy();`,
    );
    assert.equal(code, 0);
    assert.deepEqual(lines(chunks), ['first', 'second']);
  });

  it('every line is written when the process exits, including process.exit with lines still held', async () => {
    const { chunks, code } = await runLogger(
      `process.stdin.destroy(); for (let n = 0; n < 50; n++) log.info('line ' + n); process.exit(3);`,
    );
    assert.equal(code, 3);
    assert.deepEqual(
      lines(chunks),
      Array.from({ length: 50 }, (_, n) => `line ${n}`),
    );
  });
});

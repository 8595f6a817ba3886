import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const MODULE = fileURLToPath(new URL('../../src/api/log-destination.ts', import.meta.url));

/**
 * Runs a child process that logs through bufferedStdout and reports, with a timestamp, each
 * chunk of standard output it receives.
 */
function runLogger(script: string): Promise<{ chunks: { at: number; text: string }[]; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { pino } from 'pino'; import { bufferedStdout } from ${JSON.stringify(MODULE)};
         const log = pino({ base: null }, bufferedStdout()); ${script}`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const started = performance.now();
    const chunks: { at: number; text: string }[] = [];
    child.stdout.on('data', (chunk: Buffer) =>
      chunks.push({ at: performance.now() - started, text: chunk.toString('utf8') }),
    );
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
  it('a quiet server’s line shows up within about a second, before the process ends', async () => {
    const { chunks, code } = await runLogger(
      `log.info('first'); await new Promise((resolve) => setTimeout(resolve, 3000)); log.info('second');`,
    );
    assert.equal(code, 0);
    assert.deepEqual(lines(chunks), ['first', 'second']);
    const first = chunks.find((chunk) => chunk.text.includes('"first"'))!;
    const second = chunks.find((chunk) => chunk.text.includes('"second"'))!;
    assert.ok(second.at - first.at > 1500, 'the first line was written while the process still ran');
  });

  it('every line is written when the process exits, including process.exit with lines still held', async () => {
    const { chunks, code } = await runLogger(
      `for (let n = 0; n < 50; n++) log.info('line ' + n); process.exit(3);`,
    );
    assert.equal(code, 3);
    assert.deepEqual(
      lines(chunks),
      Array.from({ length: 50 }, (_, n) => `line ${n}`),
    );
  });
});

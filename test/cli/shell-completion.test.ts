import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildProgram } from '../../src/cli/build-program.js';
import { listCompletionNodes } from '../../src/cli/completion/completion-tree.js';
import { renderBashCompletion } from '../../src/cli/completion/render-bash-completion.js';
import { renderZshCompletion } from '../../src/cli/completion/render-zsh-completion.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir();
const script = join(dir, 'tollgate.bash');
writeFileSync(script, renderBashCompletion(listCompletionNodes(await buildProgram())));

/** What bash offers for a command line typed up to the cursor (the last word is being typed). */
function completeInBash(words: string[]): string[] {
  const line = ['tollgate', ...words];
  const program = [
    `source ${JSON.stringify(script)}`,
    `COMP_WORDS=(${line.map((word) => JSON.stringify(word)).join(' ')})`,
    `COMP_CWORD=${line.length - 1}`,
    '_tollgate',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a bash array expansion
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const result = spawnSync('bash', ['--norc', '-c', program], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.split('\n').filter(Boolean).sort();
}

describe('tollgate completion', () => {
  it('completes commands, subcommands and each command’s own options in bash', () => {
    assert.deepEqual(completeInBash(['fr']), ['freeze']);
    assert.deepEqual(completeInBash(['freeze', '']), ['add', 'break-glass', 'import', 'list']);
    assert.deepEqual(completeInBash(['freeze', 'add', '--c']), ['--cron']);
    // An option's value is not taken for a command word.
    assert.deepEqual(completeInBash(['gate', '--service', 'api', '--e']), ['--env', '--estimate']);
    assert.deepEqual(completeInBash(['--db', 'x.duckdb', 'freeze', 'l']), ['list']);
  });

  it('prints the script for bash and zsh, and refuses another shell as a usage error', async () => {
    const bash = await runCli(['completion', 'bash']);
    assert.equal(bash.code, 0, bash.stderr);
    assert.match(bash.stdout, /complete -o default -F _tollgate tollgate/);
    const zsh = await runCli(['completion', 'zsh']);
    assert.equal(zsh.code, 0, zsh.stderr);
    assert.match(zsh.stdout, /^#compdef tollgate\n/);
    assert.match(zsh.stdout, /bashcompinit/);
    assert.equal(zsh.stdout, renderZshCompletion(listCompletionNodes(await buildProgram())));
    const fish = await runCli(['completion', 'fish']);
    assert.equal(fish.code, 2);
    assert.match(fish.stderr, /^error \[COMPLETION_SHELL\]: No completion for 'fish': give bash or zsh/);
    assert.equal(fish.stdout, '');
  });
});

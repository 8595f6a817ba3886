import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/build-program.js';
import { COMMAND_TABLE } from '../../src/cli/definitions/command-table.js';
import { declaredLazyActions } from '../../src/cli/definitions/lazy-action.js';
import { REPO_ROOT, runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const COMMANDS_FOLDER = join(REPO_ROOT, 'src', 'cli', 'commands');
const traceDir = makeTempDir();
const flat = (text: string) => text.replace(/\s+/g, ' ');
const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());

/** Every command below `command`, with its path from the top. */
function allCommands(command: Command, path: string[] = []): { path: string[]; command: Command }[] {
  return command.commands.flatMap((sub) => {
    const subPath = [...path, sub.name()];
    return [{ path: subPath, command: sub }, ...allCommands(sub, subPath)];
  });
}

const actionName = (path: string[]) => `run${path.map(pascal).join('')}`;

describe('tollgate, the entry point', () => {
  it('registers one table entry for every command module, each defining the command of its name', async () => {
    const modules = readdirSync(COMMANDS_FOLDER)
      .filter((file) => file.endsWith('-command.ts'))
      .map((file) => file.replace(/-command\.ts$/, ''))
      .sort();
    assert.deepEqual(COMMAND_TABLE.map((entry) => entry.name).sort(), modules);
    assert.deepEqual(
      (await buildProgram()).commands.map((command) => command.name()),
      COMMAND_TABLE.map((entry) => entry.name),
    );
  });

  it('--help lists every command of the table with its description', async () => {
    const program = await buildProgram();
    const result = await runCli(['--help']);
    assert.equal(result.code, 0, result.stderr);
    const help = flat(result.stdout);
    for (const entry of COMMAND_TABLE) {
      const description = program.commands.find((command) => command.name() === entry.name)!.description();
      assert.match(result.stdout, new RegExp(`^  ${entry.name} `, 'm'), `${entry.name} is not listed`);
      assert.ok(help.includes(flat(description)), `the description of ${entry.name} is not shown`);
    }
  });

  it('prints the same help for a command as the command tree that parses its options', async () => {
    const costs = (await buildProgram()).commands.find((command) => command.name() === 'costs')!;
    const result = await runCli(['costs', '--help']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, costs.helpInformation());
    for (const option of costs.options) assert.ok(result.stdout.includes(option.flags), option.flags);
    const unknown = await runCli(['costs', '--no-such-option']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option '--no-such-option'/);
  });

  it('gives every command that runs one action of its own, exported by its module as run<Path>', async () => {
    const before = declaredLazyActions().length;
    const commands = allCommands(await buildProgram());
    const resolved = await Promise.all(
      declaredLazyActions()
        .slice(before)
        .map((action) => action.resolve()),
    );
    const names = resolved.map((run) => run.name);
    for (const run of resolved) assert.equal(typeof run, 'function');
    assert.equal(new Set(names).size, names.length, 'two commands run the same action');
    // A command with subcommands may run an action of its own too (forecast); every other one must.
    const paths = new Set(commands.map(({ path }) => actionName(path)));
    for (const name of names) assert.ok(paths.has(name), `${name} is no command's action`);
    for (const { path, command } of commands) {
      if (command.commands.length === 0)
        assert.ok(names.includes(actionName(path)), `${path.join(' ')} runs nothing`);
    }
  });

  it('defines only the command a command line names, with the same help as in the whole tree', async () => {
    const whole = await buildProgram();
    for (const argv of [
      ['costs', '--by', 'provider'],
      ['--db', 'x.duckdb', 'costs'],
      ['--db=x.duckdb', 'costs'],
    ]) {
      const program = await buildProgram(argv);
      assert.deepEqual(
        program.commands.map((command) => command.name()),
        ['costs'],
        argv.join(' '),
      );
      assert.equal(
        program.commands[0]!.helpInformation(),
        whole.commands.find((command) => command.name() === 'costs')!.helpInformation(),
      );
    }
    for (const argv of [['--help', 'costs'], ['--version'], ['no-such-command'], []]) {
      assert.equal((await buildProgram(argv)).commands.length, COMMAND_TABLE.length, argv.join(' '));
    }
    const request = await buildProgram(['changes', 'request', '--version', '1.2.3']);
    assert.ok(
      !request.options.some((option) => option.long === '--version'),
      'the deployed --version is taken',
    );
    const unknown = await runCli(['no-such-command']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'no-such-command'/);
  });

  it('prints the version in package.json with --version and -V', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, `${version}\n`);
    }
    assert.match((await runCli(['--help'])).stdout, /-V, --version +print the version of tollgate/);
  });

  it('--help loads only the definitions: no database driver, server, logger, schema library or use case', () => {
    const loaded = modulesLoadedBy(['--help']);
    assert.ok(loaded.some((url) => url.endsWith('/dist/cli/definitions/costs-definition.js')));
    assert.deepEqual(loaded.filter(isHeavy), []);
    const costsHelp = modulesLoadedBy(['costs', '--help']);
    assert.ok(costsHelp.some((url) => url.endsWith('/dist/cli/definitions/costs-definition.js')));
    assert.deepEqual(
      costsHelp.filter((url) => isHeavy(url) || url.endsWith('/dist/cli/definitions/gate-definition.js')),
      [],
    );
  });

  it('a command on the embedded file loads no schema library; --help no part of the demo generator', () => {
    const costs = modulesLoadedBy(['--db', join(traceDir, 'entry.duckdb'), 'costs', '--by', 'provider']);
    assert.ok(costs.some((url) => url.endsWith('/dist/cli/commands/costs-command.js')));
    assert.deepEqual(
      costs.filter((url) => /node_modules\/zod\//.test(url)),
      [],
    );
    assert.deepEqual(
      modulesLoadedBy(['--help']).filter(
        (url) => url.includes('/dist/demo/') && !url.endsWith('/dist/demo/demo-row-bounds.js'),
      ),
      [],
    );
  });
});

const HEAVY =
  /node_modules\/(@duckdb|pg|pg-boss|fastify|@fastify|pino|zod|yaml|decimal\.js)\/|\/dist\/(app|adapters\/(duckdb|postgres|sql)|api|ingest|config)\/|\/dist\/cli\/commands\//;
const isHeavy = (url: string) => HEAVY.test(url);

/**
 * tsc's unbundled output: one module per source file, so a URL names what was loaded. The
 * bundle bin/tollgate.js runs (scripts/bundle-cli.ts) splits at the same dynamic imports.
 */
const UNBUNDLED_MAIN = join(REPO_ROOT, 'dist', 'cli', 'main.js');

/** The URL of every module the CLI loads for a command line (a module hook records them, on the loader thread). */
function modulesLoadedBy(args: string[]): string[] {
  const trace = join(traceDir, `loaded-${args.join('-').replace(/[^\w.-]+/g, '_')}.txt`);
  const hooks = `import { appendFileSync } from 'node:fs';
    export async function load(url, context, next) { appendFileSync(${JSON.stringify(trace)}, url + '\\n'); return next(url, context); }`;
  const register = `import { register } from 'node:module';
    register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
  const result = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(register)}`, UNBUNDLED_MAIN, ...args],
    { encoding: 'utf8', env: { ...process.env, TOLLGATE_DB: undefined } },
  );
  assert.equal(result.status, 0, result.stderr);
  return readFileSync(trace, 'utf8').trim().split('\n');
}

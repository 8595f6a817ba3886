import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { parse } from 'yaml';
import { buildProgram } from '../../src/cli/build-program.js';
import { REPO_ROOT } from '../support/run-cli.js';

it('compose.yaml and the Dockerfile run only tollgate commands with options they have', async () => {
  const program = await buildProgram();
  const compose = parse(readFileSync(join(REPO_ROOT, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<string, { command?: string[]; image?: string; environment?: Record<string, string> }>;
  };
  const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
  const defaultCommand = JSON.parse(/^CMD (.+)$/m.exec(dockerfile)![1]!) as string[];
  assert.match(dockerfile, /^ENTRYPOINT \["tollgate"\]$/m);
  const commands = [
    defaultCommand,
    ...Object.entries(compose.services)
      .filter(([name]) => name !== 'db')
      .map(([name, service]) => {
        assert.equal(service.image, 'tollgate:0.1.0', name);
        assert.match(service.environment!.TOLLGATE_DB!, /^postgres:\/\/tollgate:.*@db:5432\/tollgate$/);
        return service.command!;
      }),
  ];
  for (const [name, ...args] of commands) {
    const command = program.commands.find((candidate) => candidate.name() === name);
    assert.ok(command, `${name} is not a tollgate command`);
    for (const flag of args.filter((arg) => arg.startsWith('--'))) {
      assert.ok(
        command.options.some((option) => option.long === flag),
        `${name} has no option ${flag}`,
      );
    }
  }
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  assert.equal(compose.services.api!.image, `tollgate:${version}`);
});

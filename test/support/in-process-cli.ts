import type { Command } from 'commander';
import { CommanderError } from 'commander';
import { buildProgram } from '../../src/cli/build-program.js';
import { formatCliError } from '../../src/cli/output/format-cli-error.js';
import { isTollgateError } from '../../src/core/errors.js';

export interface InProcessResult {
  /** 0 done; otherwise what bin/tollgate.js would exit with (2 usage, 1 refused). */
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tollgate <args>` in this process: the same command tree and actions as the built CLI,
 * without a process per command (a spawned CLI costs as much as a hundred in-process runs).
 * Output is captured; errors become the exit code bin/tollgate.js would give.
 */
export async function runCliInProcess(args: string[]): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  // The test runner sets process.exitCode when a test fails: a command's own exit code is read from a clean one.
  const exitCodeBefore = process.exitCode;
  process.exitCode = undefined;
  try {
    await (await buildProgram(args)).parseAsync(args, { from: 'user' });
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    return { code, stdout, stderr };
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode === 0 ? 0 : 2, stdout, stderr };
    if (isTollgateError(error)) {
      stderr += formatCliError(error);
      return { code: error.kind === 'usage' ? 2 : 1, stdout, stderr };
    }
    stderr += `error [INTERNAL]: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
    return { code: 1, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = exitCodeBefore;
  }
}

/** Every command that runs an action of its own (leaves, and parents such as forecast that run one too), by path. */
export function commandsWithActions(command: Command, path: string[] = []): string[] {
  return command.commands.flatMap((sub) => {
    const subPath = [...path, sub.name()];
    // commander keeps the action in a private field; a parent without one only lists its subcommands.
    const runs = (sub as unknown as { _actionHandler: unknown })._actionHandler != null;
    return [...(runs ? [subPath.join(' ')] : []), ...commandsWithActions(sub, subPath)];
  });
}

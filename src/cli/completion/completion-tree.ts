import type { Command } from 'commander';

/** What a shell needs to complete one command: its words and the options it takes. */
export interface CompletionNode {
  /** Command words from the top, such as ['freeze', 'add']; empty for tollgate itself. */
  path: string[];
  subcommands: string[];
  options: string[];
}

/** Every command of a commander tree, top first, with its subcommands and long options. */
export function listCompletionNodes(command: Command, path: string[] = []): CompletionNode[] {
  const options = command.options
    .flatMap((option) => [option.long, option.short])
    .filter((flag): flag is string => flag !== undefined);
  const node: CompletionNode = {
    path,
    subcommands: command.commands.map((sub) => sub.name()),
    options: [...options, '--help'],
  };
  return [node, ...command.commands.flatMap((sub) => listCompletionNodes(sub, [...path, sub.name()]))];
}

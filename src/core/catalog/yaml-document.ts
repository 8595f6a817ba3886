import { isMap, isNode, LineCounter, type Node, parseDocument } from 'yaml';
import type { ZodError } from 'zod';

/** A text file the user wrote (catalogue, rule set), handed to the core by the caller. */
export interface YamlSource {
  file: string;
  text: string;
}

/** One thing wrong in a user's file, pointed at by file and line (1-based). */
export interface Problem {
  file: string;
  line: number;
  message: string;
}

export type YamlPath = (string | number)[];

/** A parsed YAML file that can still say on which line any value it held was written. */
export interface LocatedYaml {
  file: string;
  data: unknown;
  lineOf(path: YamlPath): number;
  /** The line of the key itself (for unknown or duplicate fields). */
  keyLineOf(path: YamlPath, key: string): number;
}

/**
 * Parses YAML keeping positions. Syntax errors (and duplicate keys, which YAML forbids) come
 * back as problems with their line; the data is only returned when there are none.
 */
export function parseLocatedYaml(source: YamlSource): { yaml?: LocatedYaml; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => ({
        file: source.file,
        line: error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line,
        message: `YAML syntax: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  const lineAt = (node: Node | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  const nodeAt = (path: YamlPath): Node | undefined => {
    for (let length = path.length; length >= 0; length--) {
      const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
      if (isNode(node)) return node;
    }
    return undefined;
  };
  return {
    yaml: {
      file: source.file,
      data: doc.toJS({ maxAliasCount: 100 }),
      lineOf: (path) => lineAt(nodeAt(path)),
      keyLineOf: (path, key) => {
        const node = nodeAt(path);
        if (isMap(node)) {
          const pair = node.items.find((item) => isNode(item.key) && String(item.key.toJSON()) === key);
          if (pair && isNode(pair.key)) return lineAt(pair.key);
        }
        return lineAt(node);
      },
    },
    problems: [],
  };
}

/** Turns schema issues into problems at the line of the offending value or key. */
export function zodProblems(yaml: LocatedYaml, error: ZodError, base: YamlPath = []): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = [...base, ...issue.path.filter((part) => typeof part !== 'symbol')] as YamlPath;
    const where = describePath(path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          file: yaml.file,
          line: yaml.keyLineOf(path, key),
          message: `unknown field '${key}'${where ? ` in ${where}` : ''}; check the spelling (fields are snake_case)`,
        });
      }
      continue;
    }
    problems.push({
      file: yaml.file,
      line: yaml.lineOf(path),
      message: `${where || 'file'}: ${issue.message}`,
    });
  }
  return problems;
}

/** `teams[2].cost_centre` style path for messages. */
export function describePath(path: YamlPath): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

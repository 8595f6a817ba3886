/** Any action function: commander passes the positional arguments, then the options, then the command. */
type ActionFunction = (...args: never[]) => unknown;

export interface LazyAction {
  /** Imports the action's module and returns the function the command runs. */
  resolve(): Promise<ActionFunction>;
}

const declared: LazyAction[] = [];

/**
 * A commander action that imports its module only when the command runs, so that `--help` and
 * every other command start without the drivers, server and use cases this one needs.
 */
export function lazyAction<M>(
  load: () => Promise<M>,
  pick: (module: M) => ActionFunction,
): (...args: unknown[]) => Promise<void> {
  const action: LazyAction = { resolve: async () => pick(await load()) };
  declared.push(action);
  return async (...args: unknown[]) => {
    const run = (await action.resolve()) as (...args: unknown[]) => unknown;
    await run(...args);
  };
}

/** Every lazy action declared so far in this process (tests check each one resolves). */
export function declaredLazyActions(): readonly LazyAction[] {
  return declared;
}

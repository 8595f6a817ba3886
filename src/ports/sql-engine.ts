export type SqlParams = Record<string, string | number | bigint | boolean | null>;
export type SqlRow = Record<string, unknown>;

/** The little a port needs of a SQL engine: run a statement, read rows as JSON-safe values. */
export interface SqlEngine {
  all<T extends SqlRow = SqlRow>(sql: string, params?: SqlParams): Promise<T[]>;
  run(sql: string, params?: SqlParams): Promise<void>;
  /** How far the statement now running in the caller's transaction has got, when the engine can tell. */
  progress?(): { percentage: number; rows: number } | undefined;
  /**
   * Runs `work` with the engine tracking how far the caller's statements have got (for
   * `progress`); engines that track progress only while asked spare every other statement.
   */
  withProgress?<T>(work: () => Promise<T>): Promise<T>;
}

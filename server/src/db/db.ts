/**
 * The one storage port of the team server: plain SQL with positional parameters ($1, $2…), the same text for
 * PostgreSQL (`pg`) and PGlite. Rows come back as plain objects; bigint and bytea columns are read as text
 * (cast in SQL) so both adapters return the same values.
 */
export interface Queryable {
  query<T extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** several statements, no parameters (migrations) */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** runs `work` in one transaction: COMMIT when it resolves, ROLLBACK when it throws */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

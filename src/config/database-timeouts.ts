/** The PostgreSQL connection's timeouts, read from the environment by `config.ts` and applied by `db/client.ts`. */
export interface DatabaseTimeouts {
  /** Opening a connection, and waiting for a free one in the pool. */
  connectMs: number;
  /** `statement_timeout` on the server (the client gives up a little later if no answer comes); 0 = off. */
  statementMs: number;
  /** `idle_in_transaction_session_timeout`: a transaction left open without statements is ended; 0 = off. */
  idleInTransactionMs: number;
}

/** Defaults when DATABASE_*_TIMEOUT_MS are not set. */
export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = { connectMs: 5000, statementMs: 30_000, idleInTransactionMs: 60_000 };

import type { TokenRecord, TokenStore } from '../../../ports/token-store.js';
import type { SqlDatabase } from '../sql-database.js';

interface TokenRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  label: string;
  secret_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const COLUMNS =
  'id, CAST(user_id AS TEXT) AS user_id, label, secret_hash, created_at, expires_at, revoked_at';

function toToken(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    userId: Number(row.user_id),
    label: row.label,
    secretHash: row.secret_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** API tokens (their secret only as a hash), in the same table and SQL on DuckDB and PostgreSQL. */
export class SqlTokenStore implements TokenStore {
  constructor(private readonly db: SqlDatabase) {}

  async insertToken(token: Omit<TokenRecord, 'createdAt' | 'revokedAt'>): Promise<TokenRecord> {
    const createdAt = new Date().toISOString();
    await this.db.run(
      'INSERT INTO api_tokens VALUES ($id, $userId, $label, $secretHash, $createdAt, $expiresAt, NULL)',
      {
        id: token.id,
        userId: token.userId,
        label: token.label,
        secretHash: token.secretHash,
        createdAt,
        expiresAt: token.expiresAt,
      },
    );
    return { ...token, createdAt, revokedAt: null };
  }

  async getToken(id: string): Promise<TokenRecord | undefined> {
    const row = await this.db.one<TokenRow>(`SELECT ${COLUMNS} FROM api_tokens WHERE id = $id`, { id });
    return row && toToken(row);
  }

  async listTokens(userId?: number): Promise<TokenRecord[]> {
    const rows = await this.db.all<TokenRow>(
      `SELECT ${COLUMNS} FROM api_tokens ${userId === undefined ? '' : 'WHERE user_id = $userId'} ORDER BY created_at, id`,
      userId === undefined ? {} : { userId },
    );
    return rows.map(toToken);
  }

  async revokeToken(id: string): Promise<void> {
    await this.db.run('UPDATE api_tokens SET revoked_at = $now WHERE id = $id AND revoked_at IS NULL', {
      id,
      now: new Date().toISOString(),
    });
  }

  async revokeUserTokens(userId: number): Promise<string[]> {
    // One statement: a token created by another process meanwhile is either revoked and listed, or neither.
    const revoked = await this.db.all<{ id: string }>(
      'UPDATE api_tokens SET revoked_at = $now WHERE user_id = $userId AND revoked_at IS NULL RETURNING id',
      { userId, now: new Date().toISOString() },
    );
    return revoked.map((row) => row.id).sort();
  }
}

export interface TokenRecord {
  id: string;
  userId: number;
  label: string;
  secretHash: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface TokenStore {
  insertToken(token: Omit<TokenRecord, 'createdAt' | 'revokedAt'>): Promise<TokenRecord>;
  getToken(id: string): Promise<TokenRecord | undefined>;
  listTokens(userId?: number): Promise<TokenRecord[]>;
  revokeToken(id: string): Promise<void>;
  /** Revokes every live token of a user (when the user is removed); returns their ids. */
  revokeUserTokens(userId: number): Promise<string[]>;
}

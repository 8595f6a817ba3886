import type { Role } from '../core/access/roles.js';

export interface UserRecord {
  id: number;
  name: string;
  role: Role;
  /** Owners this user answers for (teams), used by scoped roles. */
  scopes: string[];
  passwordHash: string | null;
  createdAt: string;
}

export interface UserStore {
  addUser(user: Omit<UserRecord, 'id' | 'createdAt'>): Promise<UserRecord>;
  getUser(name: string): Promise<UserRecord | undefined>;
  getUserById(id: number): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  removeUser(id: number): Promise<void>;
}

import type { Role } from '../../../core/access/roles.js';
import type { UserRecord, UserStore } from '../../../ports/user-store.js';
import type { SqlDatabase } from '../sql-database.js';

interface UserRow extends Record<string, unknown> {
  id: string;
  name: string;
  role: Role;
  scopes: string;
  password_hash: string | null;
  created_at: string;
}

const COLUMNS = 'CAST(id AS TEXT) AS id, name, role, scopes, password_hash, created_at';

function toUser(row: UserRow): UserRecord {
  return {
    id: Number(row.id),
    name: row.name,
    role: row.role,
    scopes: JSON.parse(row.scopes) as string[],
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

/** Users, in the same table and SQL on DuckDB and PostgreSQL (a name is unique: a second one is refused). */
export class SqlUserStore implements UserStore {
  constructor(private readonly db: SqlDatabase) {}

  async addUser(user: Omit<UserRecord, 'id' | 'createdAt'>): Promise<UserRecord> {
    const createdAt = new Date().toISOString();
    const row = await this.db.one<{ id: string }>(
      `INSERT INTO users VALUES (nextval('user_id_seq'), $name, $role, $scopes, $password, $createdAt)
       RETURNING CAST(id AS TEXT) AS id`,
      {
        name: user.name,
        role: user.role,
        scopes: JSON.stringify(user.scopes),
        password: user.passwordHash,
        createdAt,
      },
    );
    return { ...user, id: Number(row!.id), createdAt };
  }

  async getUser(name: string): Promise<UserRecord | undefined> {
    const row = await this.db.one<UserRow>(`SELECT ${COLUMNS} FROM users WHERE name = $name`, { name });
    return row && toUser(row);
  }

  async getUserById(id: number): Promise<UserRecord | undefined> {
    const row = await this.db.one<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $id`, { id });
    return row && toUser(row);
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.db.all<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY name`)).map(toUser);
  }

  async removeUser(id: number): Promise<void> {
    await this.db.run('DELETE FROM users WHERE id = $id', { id });
  }
}

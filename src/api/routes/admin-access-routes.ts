import { z } from 'zod';
import { createToken } from '../../app/access/manage-tokens.js';
import { addUser, removeUser } from '../../app/access/manage-users.js';
import { defineRoute } from '../route-spec.js';
import { tokenSchema, userSchema } from './access-routes.js';

/**
 * Adding and removing users and creating tokens over HTTP, for an admin while `tollgate serve`
 * holds the embedded database (the CLI then cannot open it). Each route is one audited use case.
 */
export const adminAccessRoutes = [
  defineRoute({
    id: 'addUser',
    method: 'POST',
    path: '/api/v1/users',
    summary: 'Add a user with a role and scopes (audited)',
    tag: 'access',
    permission: 'users:admin',
    body: z
      .object({
        name: z.string().min(1).max(64),
        role: z.string().min(1).max(32),
        scopes: z.array(z.string().min(1).max(64)).max(100).default([]),
        password: z.string().min(1).max(1024).optional(),
      })
      .strict(),
    status: 201,
    response: userSchema,
    errors: { 409: 'The user exists already (USER_EXISTS)' },
    handler: async ({ body, actor, services }) => addUser(services.stores, actor, body),
  }),
  defineRoute({
    id: 'removeUser',
    method: 'DELETE',
    path: '/api/v1/users/:name',
    summary: 'Remove a user and revoke all their tokens (audited)',
    tag: 'access',
    permission: 'users:admin',
    params: z.object({ name: z.string().min(1).max(100) }),
    response: z.object({ name: z.string(), revokedTokens: z.array(z.string()) }),
    errors: { 404: 'No such user (USER_NOT_FOUND)' },
    handler: async ({ params, actor, services }) => removeUser(services.stores, actor, params.name),
  }),
  defineRoute({
    id: 'createToken',
    method: 'POST',
    path: '/api/v1/tokens',
    summary: 'Create a token for a user; its secret is in this answer only, never again (audited)',
    tag: 'access',
    permission: 'users:admin',
    body: z
      .object({
        user: z.string().min(1).max(64),
        label: z.string().max(100).default('api'),
        expiresIn: z.string().min(1).max(16).default('90d'),
      })
      .strict(),
    status: 201,
    response: tokenSchema.extend({ token: z.string() }),
    errors: { 404: 'No such user (USER_NOT_FOUND)' },
    handler: async ({ body, actor, services }) => {
      const created = await createToken(services.stores, actor, body);
      return { token: created.token, ...created.record };
    },
  }),
];

import { z } from 'zod';
import { listTokens, revokeToken } from '../../app/access/manage-tokens.js';
import { listUsers } from '../../app/access/manage-users.js';
import { signIn } from '../../app/access/sign-in.js';
import { PERMISSIONS, ROLES, roleAllows } from '../../core/access/roles.js';
import { idParams } from '../api-schemas.js';
import { defineRoute } from '../route-spec.js';

export const userSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.enum(ROLES),
  scopes: z.array(z.string()),
  hasPassword: z.boolean(),
  createdAt: z.string(),
});

export const tokenSchema = z.object({
  id: z.string(),
  userId: z.number().int(),
  user: z.string(),
  label: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const accessRoutes = [
  defineRoute({
    id: 'getMe',
    method: 'GET',
    path: '/api/v1/me',
    summary: 'Who this token belongs to, its role, scopes and permissions',
    tag: 'access',
    permission: 'costs:read',
    response: z.object({
      name: z.string(),
      role: z.enum(ROLES),
      scopes: z.array(z.string()),
      tokenId: z.string(),
      permissions: z.array(z.enum(PERMISSIONS)),
    }),
    handler: async ({ principal }) => ({
      name: principal!.name,
      role: principal!.role,
      scopes: principal!.scopes,
      tokenId: principal!.tokenId,
      permissions: PERMISSIONS.filter((permission) => roleAllows(principal!.role, permission)),
    }),
  }),
  defineRoute({
    id: 'listUsers',
    method: 'GET',
    path: '/api/v1/users',
    summary: 'Users, their roles and scopes (POST /api/v1/users and DELETE /api/v1/users/{name} change them)',
    tag: 'access',
    permission: 'users:admin',
    response: z.array(userSchema),
    handler: async ({ services }) => listUsers(services.stores),
  }),
  defineRoute({
    id: 'listTokens',
    method: 'GET',
    path: '/api/v1/tokens',
    summary: 'API tokens (never their secrets)',
    tag: 'access',
    permission: 'users:admin',
    response: z.array(tokenSchema),
    handler: async ({ services }) => listTokens(services.stores),
  }),
  defineRoute({
    id: 'revokeToken',
    method: 'DELETE',
    path: '/api/v1/tokens/:id',
    summary: 'Revoke a token at once (audited)',
    tag: 'access',
    permission: 'users:admin',
    params: idParams,
    response: tokenSchema,
    errors: { 404: 'No such token (TOKEN_NOT_FOUND)', 409: 'Already revoked (TOKEN_ALREADY_REVOKED)' },
    handler: async ({ params, actor, services }) => revokeToken(services.stores, actor, params.id),
  }),
  defineRoute({
    id: 'signIn',
    method: 'POST',
    path: '/api/v1/sessions',
    summary: 'Sign in with a user name and password (for the dashboard): a 12-hour session token, shown once',
    tag: 'access',
    permission: 'public',
    body: z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict(),
    status: 201,
    response: z.object({
      token: z.string(),
      tokenId: z.string(),
      expiresAt: z.string(),
      user: z.string(),
      role: z.enum(ROLES),
    }),
    errors: {},
    handler: async ({ body, request, services }) =>
      (await signIn(services.stores, request.ip, body)) as {
        token: string;
        tokenId: string;
        expiresAt: string;
        user: string;
        role: (typeof ROLES)[number];
      },
  }),
];

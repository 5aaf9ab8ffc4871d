import type { z } from 'zod';
import { sessionResponseSchema, type SessionResponse } from '../../contracts/session.ts';
import type { changePasswordBodySchema, loginBodySchema } from '../../contracts/session.ts';
import { apiRequest } from './client.ts';

export function fetchSession(): Promise<SessionResponse> {
  return apiRequest('GET', '/api/v1/session', { schema: sessionResponseSchema, quietUnauthorized: true });
}

export function login(body: z.input<typeof loginBodySchema>): Promise<SessionResponse> {
  return apiRequest('POST', '/api/v1/session', { body, schema: sessionResponseSchema, quietUnauthorized: true });
}

export async function logout(): Promise<void> {
  await apiRequest('DELETE', '/api/v1/session', { quietUnauthorized: true });
}

export async function changePassword(body: z.input<typeof changePasswordBodySchema>): Promise<void> {
  await apiRequest('POST', '/api/v1/session/password', { body });
}

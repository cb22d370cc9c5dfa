import { z } from 'zod';
import { INVITABLE_ROLES, ROLES } from '../auth/roles';

/** `{ ok: true, value }`: the success half of the Result envelope every JSON route answers with */
export const okBody = <T extends z.ZodType>(value: T) => z.object({ ok: z.literal(true), value });

export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/);
export const role = z.enum(ROLES);
export const invitableRole = z.enum(INVITABLE_ROLES);
export const isoTime = z.string();

export const member = z.object({
  id,
  email: z.string(),
  /** the name given when joining with a shared code, else null */
  name: z.string().nullable(),
  role,
  createdAt: isoTime,
});
export const device = z.object({
  id,
  memberId: id,
  name: z.string(),
  createdAt: isoTime,
  lastSeenAt: isoTime.nullable(),
  revokedAt: isoTime.nullable(),
});

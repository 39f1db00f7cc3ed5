// POST /api/recovery-code – after a recent sign-in, replaces the user's recovery code with a new
//   one and answers it ({ recoveryCode }) this once; Keyward never stores it
import { withRoute } from '@/lib/http/route';
import { regenerateRecoveryCode } from '@/lib/password/regenerate-recovery-code';

export const POST = withRoute({ recentAuth: true, limit: 'change' }, async ({ user }) =>
  Response.json({ recoveryCode: await regenerateRecoveryCode(user.userId) }),
);

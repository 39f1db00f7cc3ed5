import 'server-only';
import { NextResponse } from 'next/server';
import { ApiError } from '@/lib/core/errors';
import { isFramedRequest } from '@/lib/embed/frame-policy';
import { assertNameFree } from '@/lib/factors/unique-name';
import {
  type AddKind,
  CEREMONY_COOKIES,
  type ChallengeState,
  challengeCookieOptions,
  openChallenge,
  sealChallenge,
} from './challenge-cookie';
import type { UsedChallenges } from './used-challenges';

const refused = (code: string, message: string) => new ApiError(400, code, message);

export type TakeInput = {
  /** The raw challenge cookie, as the browser sent it. */
  cookie: string | undefined;
  cookieKey: Buffer;
  sessionUserId: string;
  usedChallenges: UsedChallenges;
  nowMs?: number;
  /** The name the new key is to get: refused if another method has it (before anything is spent). */
  name?: string | undefined;
};

/**
 * The ceremony this answer belongs to: unexpired, not yet used, and started by this session's
 * user. It is spent before anything is verified, so a failed attempt cannot be retried with it.
 */
export async function takeCeremony<K extends AddKind>(
  kind: K,
  input: TakeInput,
): Promise<Extract<ChallengeState, { kind: K }>> {
  const opened = openChallenge(kind, input.cookie, input.cookieKey, input.nowMs);
  if (!opened.ok) {
    throw refused(
      'challenge_expired',
      'This request has expired or was already used. Please start again.',
    );
  }
  if (input.name !== undefined) assertNameFree(input.name, opened.state.taken ?? []);
  if (!(await input.usedChallenges.consume(opened.state.challenge, opened.state.exp))) {
    throw refused('challenge_used', 'This request was already used. Please start again.');
  }
  if (opened.state.userId !== input.sessionUserId) {
    throw refused(
      'challenge_mismatch',
      'This request was started for another account. Please start again.',
    );
  }
  return opened.state;
}

/**
 * The options answer, carrying the sealed ceremony; a new ceremony replaces an unfinished one.
 * `headers` are the request's: from the embed page's frame, the cookie must suit a frame.
 */
export function ceremonyResponse(
  state: ChallengeState,
  body: unknown,
  { cookieKey, appBaseUrl }: { cookieKey: Buffer; appBaseUrl: string },
  headers: Headers,
): NextResponse {
  const framed = isFramedRequest(headers);
  const response = NextResponse.json(body);
  response.cookies.set(
    CEREMONY_COOKIES[state.kind].name,
    sealChallenge(state, cookieKey),
    challengeCookieOptions(state.kind, appBaseUrl, undefined, framed),
  );
  return response;
}

/** The Set-Cookie value that deletes `kind`'s ceremony cookie. */
export function clearedCeremonyCookie(kind: AddKind, appBaseUrl: string, framed = false): string {
  const probe = new NextResponse(null);
  probe.cookies.set(
    CEREMONY_COOKIES[kind].name,
    '',
    challengeCookieOptions(kind, appBaseUrl, 0, framed),
  );
  return probe.headers.get('set-cookie') ?? '';
}

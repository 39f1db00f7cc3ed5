// WebAuthn challenges for "Continue with a passkey": one per interaction, short-lived, and taken
// (deleted) before verification so each can be used at most once.

export const CHALLENGE_TTL_MS = 2 * 60 * 1000;

interface Pending {
  challenge: string;
  expiresAt: number;
}

export class ChallengeStore {
  readonly #pending = new Map<string, Pending>();

  constructor(private readonly now: () => number = Date.now) {}

  put(interactionUid: string, challenge: string): void {
    this.#pending.set(interactionUid, { challenge, expiresAt: this.now() + CHALLENGE_TTL_MS });
  }

  /** Returns the interaction's challenge if still valid, and forgets it either way. */
  take(interactionUid: string): string | undefined {
    const pending = this.#pending.get(interactionUid);
    this.#pending.delete(interactionUid);
    if (!pending || pending.expiresAt <= this.now()) return undefined;
    return pending.challenge;
  }

  reset(): void {
    this.#pending.clear();
  }
}

// Hands out the tenant's Management API budget one call at a time, round-robin between the users
// who are waiting, at an even pace. Two guards, each needed on its own:
// - Round-robin: the shared limiter alone serves whoever asks first after a window turns over, so
//   a person with many requests in flight (a sign-in loop) wins most turns and everyone else
//   waits until they give up. Here a user with one call waiting is served after at most one call
//   of each other waiting user, however many calls those have queued.
// - Pace: a fixed-window limiter allows its whole window at the end of one second and again at the
//   start of the next, a burst Auth0's token bucket (Free plan: 2/s, burst 2) answers with 429s.
//   Spacing grants 1/rate apart keeps within any bucket of that rate.
// Pure of Next and of the limiter's store: the token source is passed in, so tests drive it.

/** null when a token was taken, else the milliseconds until one may be free. */
export type TokenSource = () => Promise<number | null>;

export type FairQueueOptions = {
  take: TokenSource;
  /** The least time between two grants of this queue. */
  intervalMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

type Waiter = { grant: () => void; expire: ReturnType<typeof setTimeout> | null };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class FairQueue {
  /** Waiting calls per user, oldest first; the Map's order is the round-robin order. */
  private readonly waiting = new Map<string, Waiter[]>();
  private running = false;
  private lastGrant = Number.NEGATIVE_INFINITY;
  private readonly take: TokenSource;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: FairQueueOptions) {
    this.take = options.take;
    this.intervalMs = options.intervalMs;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** How many calls wait, all users together (for tests and logs). */
  get size(): number {
    let n = 0;
    for (const list of this.waiting.values()) n += list.length;
    return n;
  }

  /**
   * Resolves true once `key` may make one call, or false at `giveUpAt` if its turn has not come.
   * With nobody waiting and the pace kept, it asks the token source at once.
   */
  async acquire(key: string, giveUpAt: number): Promise<boolean> {
    const now = this.now();
    if (!this.running && this.waiting.size === 0 && now >= this.lastGrant + this.intervalMs) {
      // Set before the await, so a concurrent caller sees the pace as spent.
      const previous = this.lastGrant;
      this.lastGrant = now;
      if ((await this.take()) === null) return true;
      this.lastGrant = previous;
    }
    if (this.now() >= giveUpAt) return false;
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = { grant: () => resolve(true), expire: null };
      waiter.expire = setTimeout(() => {
        this.remove(key, waiter);
        resolve(false);
      }, giveUpAt - this.now());
      const list = this.waiting.get(key);
      if (list) list.push(waiter);
      else this.waiting.set(key, [waiter]);
      void this.run();
    });
  }

  private remove(key: string, waiter: Waiter): void {
    const list = this.waiting.get(key);
    if (!list) return;
    const at = list.indexOf(waiter);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.waiting.delete(key);
  }

  /** The one loop that grants: pace, a token, then the next user in turn. */
  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.waiting.size > 0) {
        const pace = this.lastGrant + this.intervalMs - this.now();
        if (pace > 0) {
          await this.sleep(pace);
          continue;
        }
        const wait = await this.take();
        if (wait !== null) {
          await this.sleep(wait);
          continue;
        }
        this.lastGrant = this.now();
        this.grantNext();
      }
    } finally {
      this.running = false;
    }
  }

  /** Serves the user first in turn, and moves them to the back if they have more waiting. */
  private grantNext(): void {
    const first = this.waiting.entries().next();
    if (first.done) return; // everyone gave up while the token was taken: it goes unused
    const [key, list] = first.value;
    const waiter = list.shift();
    this.waiting.delete(key);
    if (list.length > 0) this.waiting.set(key, list);
    if (!waiter) return;
    if (waiter.expire) clearTimeout(waiter.expire);
    waiter.grant();
  }
}

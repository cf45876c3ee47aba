// Login rate limit: at most 5 failed attempts per client key and 50 overall per 15 minutes, in the
// web process's memory (one admin account, one web process; a restart clears it).
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_MAX_FAILURES_PER_KEY = 5;
export const LOGIN_MAX_FAILURES_TOTAL = 50;

export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();
  private total: number[] = [];

  private recent(times: number[] | undefined, now: number): number[] {
    return (times ?? []).filter((t) => now - t < LOGIN_WINDOW_MS);
  }

  /** Milliseconds until `key` may try again, or 0 when allowed. */
  retryAfter(key: string, now: number): number {
    const mine = this.recent(this.failures.get(key), now);
    this.total = this.recent(this.total, now);
    const blockedBy = mine.length >= LOGIN_MAX_FAILURES_PER_KEY ? mine : this.total.length >= LOGIN_MAX_FAILURES_TOTAL ? this.total : null;
    if (!blockedBy) return 0;
    return Math.max(1, (blockedBy[0] as number) + LOGIN_WINDOW_MS - now);
  }

  recordFailure(key: string, now: number): void {
    const mine = this.recent(this.failures.get(key), now);
    mine.push(now);
    this.failures.set(key, mine);
    this.total.push(now);
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }
}

const globalForLimiter = globalThis as unknown as { basisLabLoginLimiter?: LoginRateLimiter };

export function getLoginRateLimiter(): LoginRateLimiter {
  globalForLimiter.basisLabLoginLimiter ??= new LoginRateLimiter();
  return globalForLimiter.basisLabLoginLimiter;
}

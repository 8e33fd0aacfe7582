// Requests per minute per credential and per client IP (README.md, LG_RATE_LIMITS), from
// rate-limiter-flexible: in memory for one instance, Redis when several share the limits.
import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Config, RateLimits } from '../config.js';

export type LimitKind = keyof RateLimits;

export class RequestRateLimiter {
  private constructor(
    private readonly limiters: Partial<Record<LimitKind, RateLimiterAbstract>>,
    private readonly redis: Redis | null,
  ) {}

  static create(
    config: Pick<Config, 'rateLimits' | 'rateLimitStore' | 'redisUrl'>,
  ): RequestRateLimiter {
    const limits = config.rateLimits;
    if (!limits) return new RequestRateLimiter({}, null);
    const redis =
      config.rateLimitStore === 'redis' && config.redisUrl
        ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
        : null;
    const limiters: Partial<Record<LimitKind, RateLimiterAbstract>> = {};
    for (const [kind, points] of Object.entries(limits) as [LimitKind, number | null][]) {
      if (points === null) continue;
      const options = { keyPrefix: `lg-rl-${kind}`, points, duration: 60 };
      limiters[kind] = redis
        ? new RateLimiterRedis({
            ...options,
            storeClient: redis,
            // If Redis is unreachable, fall back to per-instance limits rather than failing open.
            insuranceLimiter: new RateLimiterMemory(options),
          })
        : new RateLimiterMemory(options);
    }
    return new RequestRateLimiter(limiters, redis);
  }

  /** Counts one request; returns seconds to wait when over the limit, else null. */
  async consume(kind: LimitKind, key: string): Promise<number | null> {
    const limiter = this.limiters[kind];
    if (!limiter) return null;
    try {
      await limiter.consume(key);
      return null;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      }
      throw rejection;
    }
  }

  /** Resolves once the shared store is connected (or at once for the memory store). */
  async ready(timeoutMs = 2000): Promise<void> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}

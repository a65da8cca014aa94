import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Database } from '../db/database.ts';

type Done = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Expired counters are deleted now and then, never on every hit. */
const sweepEvery = 200;

/**
 * @fastify/rate-limit's store in the database (table rate_limit_hits, migration 150), so every
 * server process on one PostgreSQL counts the same attempts: its in-memory store would give a
 * guesser of enrollment codes a fresh allowance on every process behind the load balancer. The
 * database's clock decides the windows, so processes with skewed clocks still agree. Each
 * route's limit keeps its own counters (child()).
 */
export function databaseRateLimitStore(db: Database): FastifyRateLimitStoreCtor {
  let hitsSinceSweep = 0;
  const sweep = () => {
    hitsSinceSweep += 1;
    if (hitsSinceSweep < sweepEvery) return;
    hitsSinceSweep = 0;
    void db
      .query(`DELETE FROM rate_limit_hits WHERE window_ends_at < now() - interval '1 minute'`)
      .catch(() => undefined);
  };
  const make = (
    scope: string,
  ): FastifyRateLimitStore & { read: FastifyRateLimitStore['incr'] } => ({
    incr(key: string, done: Done, timeWindow: number) {
      sweep();
      db.query<{ hits: number; ttl_ms: string }>(
        `INSERT INTO rate_limit_hits (key, hits, window_ends_at)
         VALUES ($1, 1, clock_timestamp() + $2 * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limit_hits.window_ends_at <= clock_timestamp() THEN 1
                       ELSE rate_limit_hits.hits + 1 END,
           window_ends_at = CASE WHEN rate_limit_hits.window_ends_at <= clock_timestamp()
                                 THEN EXCLUDED.window_ends_at
                                 ELSE rate_limit_hits.window_ends_at END
         RETURNING hits,
           greatest(0, ceil(extract(epoch FROM window_ends_at - clock_timestamp()) * 1000))::bigint::text
             AS ttl_ms`,
        [`${scope} ${key}`, timeWindow],
      ).then(
        ({ rows }) =>
          done(null, { current: rows[0]?.hits ?? 1, ttl: Number(rows[0]?.ttl_ms ?? 0) }),
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      );
    },
    read(key: string, done: Done) {
      db.query<{ hits: number; ttl_ms: string }>(
        `SELECT hits,
           greatest(0, ceil(extract(epoch FROM window_ends_at - clock_timestamp()) * 1000))::bigint::text
             AS ttl_ms
         FROM rate_limit_hits WHERE key = $1 AND window_ends_at > clock_timestamp()`,
        [`${scope} ${key}`],
      ).then(
        ({ rows }) =>
          done(null, { current: rows[0]?.hits ?? 0, ttl: Number(rows[0]?.ttl_ms ?? 0) }),
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      );
    },
    child(routeOptions) {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      const name =
        typeof route?.url === 'string' ? `${String(route.method)} ${route.url}` : 'global';
      return make(name);
    },
  });
  // The plugin constructs the store with `new`; a class whose constructor returns our object.
  return class {
    constructor() {
      return make('global');
    }
  } as unknown as FastifyRateLimitStoreCtor;
}

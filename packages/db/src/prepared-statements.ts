// drizzle runs every query through postgres.js's `unsafe(text, params, { prepare: false })`.
// Unprepared, a query with parameters costs two round trips: postgres.js first asks the server
// for the parameter types (Parse/Describe/Sync), then binds and executes. Prepared (a named
// statement, cached per connection by its text), it costs one after its first use.
// The texts are drizzle's renderings of the code's queries; an `in (...)` list makes one text
// per length (at most a page, 100), so a connection holds a few hundred statements at most,
// and postgres.js replaces its connections every 30 to 60 minutes.
import type postgres from 'postgres';

type Sql = postgres.Sql | postgres.TransactionSql;
type Callback = (sql: postgres.TransactionSql) => unknown;
type AnyFunction = (...args: unknown[]) => unknown;

/** `sql`, with every parameterised query prepared, inside transactions and savepoints too. */
export function preparingStatements<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'unsafe') {
        return (...args: unknown[]) => {
          const [text, params, options] = args;
          // Only the (text, [params...], options?) form with parameters; anything else as is.
          if (!Array.isArray(params) || params.length === 0) return value.apply(target, args);
          return value.call(target, text, params, { ...(options as object), prepare: true });
        };
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const callback = args.at(-1) as Callback;
          return (value as AnyFunction).apply(target, [
            ...args.slice(0, -1),
            (inner: postgres.TransactionSql) => callback(preparingStatements(inner)),
          ]);
        };
      }
      return value;
    },
  });
}

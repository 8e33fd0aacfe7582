// drizzle runs every query through postgres.js's `unsafe(text, params, { prepare: false })`.
// Unprepared, a query with parameters costs two round trips: postgres.js first asks the server
// for the parameter types (Parse/Describe/Sync), then binds and executes. Prepared (a named
// statement, cached per connection by its text), it costs one after its first use. The texts
// are drizzle's, so their number is bounded by the code's queries.
import type postgres from 'postgres';

type Sql = postgres.Sql | postgres.TransactionSql;
type Callback = (sql: postgres.TransactionSql) => unknown;

/** `sql`, with every parameterised query prepared, inside transactions and savepoints too. */
export function preparingStatements<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (text: string, params?: postgres.ParameterOrJSON<never>[], options = {}) =>
          target.unsafe(text, params, params?.length ? { ...options, prepare: true } : options);
      }
      if (property === 'begin' || property === 'savepoint') {
        const open = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const callback = args.at(-1) as Callback;
          return open(...args.slice(0, -1), (inner: postgres.TransactionSql) =>
            callback(preparingStatements(inner)),
          );
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder.js';

// Decimal amounts travel as strings ("45.68") so no float ever touches money. The scalar only
// checks the JSON type; the amount's rules (decimals, bounds) are business checks answered as
// userErrors with a field path, by the domain's parseMoney.
builder.scalarType('Decimal', {
  description: 'A decimal number as a string, e.g. "45.68". Never a float.',
  // The digits follow JSON's number grammar without an exponent; the string keeps them exact.
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc8259#section-6',
  serialize: (value) => String(value),
  parseValue: (value) => {
    if (typeof value !== 'string')
      throw new GraphQLError('Decimal must be a string such as "45.68"');
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw new GraphQLError('Decimal must be a string such as "45.68"');
    return ast.value;
  },
});

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_8601.test(value)) {
    throw new GraphQLError(
      'DateTime must be an ISO 8601 string with a time zone, e.g. "2026-11-26T10:00:00Z"',
    );
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime is not a valid date');
  return date;
}

builder.scalarType('DateTime', {
  description: 'An ISO 8601 date-time with a time zone, e.g. "2026-11-26T10:00:00.000Z".',
  // What it sends is RFC 3339's date-time profile; it also reads the same without seconds.
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

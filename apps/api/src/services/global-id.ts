/**
 * The Relay global ID of a row, as GraphQL clients see it (base64 of `Type:id`), for the
 * objects that leave through other transports (webhook bodies, emails). Encoding is all a
 * service needs; decoding untrusted IDs happens in the transport that receives them.
 */
export function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`).toString('base64');
}

// @lg/client: typed operations for the Logistics Guarantee API (TypedDocumentNodes generated
// from the API's schema) and a small fetch client to send them.
export {
  type Client,
  type ClientOptions,
  createClient,
  type DocumentFile,
  type RequestOptions,
  type UploadReceipt,
} from './client.js';
export {
  type GraphQLErrorEntry,
  RequestError,
  type UserError,
  UserErrorsError,
  unwrap,
} from './errors.js';
export * from './generated/graphql.js';

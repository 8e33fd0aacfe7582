// The console speaks GraphQL over HTTP to the API that serves it (same origin), with the
// operator key as a bearer credential. The key never goes into a URL or a log line.

/** A GraphQL error the console acts on: UNAUTHENTICATED signs out, others are shown. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A refusal as mutations return it. */
export interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

export interface Money {
  amount: string;
  currencyCode: string;
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Runs one operation; throws ApiError for a GraphQL error, a network failure or a non-JSON answer. */
export async function request<T>(
  key: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${key}`,
      },
      body: JSON.stringify({ query, variables }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('NETWORK', 'The API could not be reached.');
  }
  let body: GraphQLBody<T>;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    throw new ApiError(`HTTP_${response.status}`, `The API answered HTTP ${response.status}.`);
  }
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.extensions?.code ?? 'ERROR', error.message);
  if (!body.data) throw new ApiError(`HTTP_${response.status}`, 'The API sent no data.');
  return body.data;
}

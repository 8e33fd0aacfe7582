import { ApiError, request } from './api.js';

/**
 * Runs an operation for a view; a rejected key (revoked, expired) signs the console out
 * through an `lg-unauthenticated` event the shell listens for.
 */
export async function call<T>(
  host: HTMLElement,
  key: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  try {
    return await request<T>(key, query, variables);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
      host.dispatchEvent(new CustomEvent('lg-unauthenticated', { bubbles: true, composed: true }));
    }
    throw error;
  }
}

/** Storefronts for the filters: operators read them all (the first 1,000 by name). */
export interface StorefrontOption {
  id: string;
  name: string;
  mode: string;
}

export const STOREFRONTS_QUERY = '{ storefronts { id name mode } }';

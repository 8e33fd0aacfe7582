// A storefront's allowed origins, checked the same way at creation and on every update: each
// exactly as a browser sends it in `Origin`, so the comparison in authenticate.ts is equality.
import type { UserErrorShape } from '../outcome.js';

const MAX_ORIGINS = 50;

/** An origin exactly as browsers send it: scheme, host, optional port; nothing else. */
function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.origin !== value.replace(/\/$/, '')) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** The origins normalised and without repeats, or a refusal per bad entry. */
export function checkAllowedOrigins(
  values: readonly string[],
  field: readonly string[],
): { ok: true; origins: string[] } | { ok: false; errors: UserErrorShape[] } {
  const errors: UserErrorShape[] = [];
  if (values.length > MAX_ORIGINS) {
    errors.push({
      code: 'INVALID_INPUT',
      message: `at most ${MAX_ORIGINS} allowed origins`,
      field: [...field],
    });
  }
  const origins: string[] = [];
  values.forEach((origin, index) => {
    const normalised = normaliseOrigin(origin);
    if (normalised) origins.push(normalised);
    else {
      errors.push({
        code: 'INVALID_INPUT',
        message: `"${origin.slice(0, 100)}" is not an origin like https://shop.example.com`,
        field: [...field, String(index)],
      });
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, origins: [...new Set(origins)] };
}

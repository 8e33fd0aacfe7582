// Where the built bundles live, for the API to serve at GET /widget/logistics-guarantee.js
// and GET /widget/logistics-guarantee-claims.js.
import { fileURLToPath } from 'node:url';

export const widgetBundlePath = fileURLToPath(
  new URL('./dist/logistics-guarantee.js', import.meta.url),
);

export const claimsBundlePath = fileURLToPath(
  new URL('./dist/logistics-guarantee-claims.js', import.meta.url),
);

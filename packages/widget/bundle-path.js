// Where the built widget lives, for the API to serve at GET /widget/logistics-guarantee.js.
import { fileURLToPath } from 'node:url';

export const widgetBundlePath = fileURLToPath(
  new URL('./dist/logistics-guarantee.js', import.meta.url),
);

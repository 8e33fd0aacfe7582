// Where the built console lives, for the API to serve at /console.
import { fileURLToPath } from 'node:url';

export const consoleDistPath = fileURLToPath(new URL('./dist/', import.meta.url));

import type { App } from '../app.js';
import type { Viewer } from '../auth/viewer.js';
import { createLoaders, type Loaders } from '../services/loaders.js';

/** Per-request GraphQL context. */
export interface Context {
  readonly app: App;
  readonly viewer: Viewer;
  /** One clock reading per request, so every rule in it sees the same instant. */
  readonly now: Date;
  readonly requestId: string;
  readonly loaders: Loaders;
}

export function createContext(app: App, viewer: Viewer, requestId: string): Context {
  return { app, viewer, now: app.clock(), requestId, loaders: createLoaders(app.db) };
}

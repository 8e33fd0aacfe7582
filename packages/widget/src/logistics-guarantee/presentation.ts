import type { Presentation } from '../api-client.js';
import { WIDGET_VERSION } from '../version.js';

/** A BCP 47 tag as the API accepts it; `<html lang>` can hold anything. */
const LANGUAGE_TAG = /^[a-z]{2,8}(-[a-z\d]{1,8})*$/i;

/** The `locale` attribute, else the page's `<html lang>`, else the browser's language. */
export function resolveLocale(attribute: string): string {
  return attribute || document.documentElement.lang || navigator.language || 'en';
}

/**
 * What the shopper is shown, sent with each quote so the purchase keeps it as their consent:
 * the language, whether the box started ticked (the `checked` attribute, never the shopper's
 * own click), and this build. A malformed page language is left out rather than refused.
 */
export function presentationFor(locale: string, preselected: boolean): Presentation {
  return {
    // Undefined is left out of the request's JSON.
    locale: LANGUAGE_TAG.test(locale) ? locale : undefined,
    preselected,
    surface: `widget@${WIDGET_VERSION}`,
  };
}

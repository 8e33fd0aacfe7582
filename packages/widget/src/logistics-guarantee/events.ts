import type { Money } from '../api-client.js';

/** Detail of `logistics-guarantee-change`: what the form submits now. */
export interface LogisticsGuaranteeChangeDetail {
  /** True only while the box is ticked and a current quote is held. */
  selected: boolean;
  /** The fee the order gains, or null when nothing is selected. */
  fee: Money | null;
  /** The value submitted under the element's `name`; pass it to `purchaseGuarantee`. */
  quoteToken: string | null;
  /** When the token stops being accepted (ISO 8601); the widget re-quotes before that. */
  expiresAt: string | null;
}

/** Detail of `logistics-guarantee-error`. */
export interface LogisticsGuaranteeErrorDetail {
  /** `NETWORK_ERROR`, `HTTP_<status>`, `FORBIDDEN`, `UNAUTHENTICATED`, a `UserErrorCode`... */
  code: string;
  message: string;
}

export type LogisticsGuaranteeChangeEvent = CustomEvent<LogisticsGuaranteeChangeDetail>;
export type LogisticsGuaranteeErrorEvent = CustomEvent<LogisticsGuaranteeErrorDetail>;

export const CHANGE_EVENT = 'logistics-guarantee-change';
export const ERROR_EVENT = 'logistics-guarantee-error';

declare global {
  interface HTMLElementEventMap {
    'logistics-guarantee-change': LogisticsGuaranteeChangeEvent;
    'logistics-guarantee-error': LogisticsGuaranteeErrorEvent;
  }
}

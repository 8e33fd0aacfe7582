// Types only: `<logistics-guarantee>` and `<logistics-guarantee-claims>` as global components for Vue 3 tooling (Volar,
// `h()`). Bring them in with `import type {} from '@lg/widget/vue'`. At runtime Vue must
// treat the tag as a custom element (`compilerOptions.isCustomElement`), and `lines` must be
// bound as a property (`:lines.prop`) if the script may load after the app renders.
import type { DefineComponent } from 'vue';
import type {
  LogisticsGuaranteeClaimsAttributes,
  LogisticsGuaranteeClaimsProperties,
} from '../claims/attributes.js';
import type {
  LogisticsGuaranteeClaimEvent,
  LogisticsGuaranteeSessionExpiredEvent,
} from '../claims/events.js';
import type { LogisticsGuaranteeAttributes } from '../logistics-guarantee/attributes.js';
import type {
  LogisticsGuaranteeChangeEvent,
  LogisticsGuaranteeErrorEvent,
} from '../logistics-guarantee/events.js';

/** The props of `<logistics-guarantee>` in Vue 3, listeners included (`@logistics-guarantee-change`). */
export type LogisticsGuaranteeVueProps = LogisticsGuaranteeAttributes & {
  /** The submitted value changed: `event.detail` is `{ selected, fee, quoteToken, expiresAt }`. */
  'onLogistics-guarantee-change'?: (event: LogisticsGuaranteeChangeEvent) => void;
  /** A quote failed: `event.detail` is `{ code, message }`. */
  'onLogistics-guarantee-error'?: (event: LogisticsGuaranteeErrorEvent) => void;
};

/** The props of `<logistics-guarantee-claims>` (the member center) in Vue 3, with listeners. */
export type LogisticsGuaranteeClaimsVueProps = LogisticsGuaranteeClaimsAttributes &
  LogisticsGuaranteeClaimsProperties & {
    'onLogistics-guarantee-claim-filed'?: (event: LogisticsGuaranteeClaimEvent) => void;
    'onLogistics-guarantee-claim-updated'?: (event: LogisticsGuaranteeClaimEvent) => void;
    'onLogistics-guarantee-documents-added'?: (event: LogisticsGuaranteeClaimEvent) => void;
    /** The session ended: set a new `session-token`. */
    'onLogistics-guarantee-session-expired'?: (
      event: LogisticsGuaranteeSessionExpiredEvent,
    ) => void;
  };

declare module 'vue' {
  interface GlobalComponents {
    'logistics-guarantee': DefineComponent<LogisticsGuaranteeVueProps>;
    'logistics-guarantee-claims': DefineComponent<LogisticsGuaranteeClaimsVueProps>;
  }
}

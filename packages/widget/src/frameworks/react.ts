// Types only: `<logistics-guarantee>` and `<logistics-guarantee-claims>` in React 19's JSX. Bring them in with
// `import type {} from '@lg/widget/react'`. React 19 passes `on<event>` props of a custom
// element to addEventListener as written, and sets `lines` as a property once the element is
// defined (as an attribute before: give it JSON, or load the script before the app renders).
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  LogisticsGuaranteeClaimsAttributes,
  LogisticsGuaranteeClaimsProperties,
} from '../claims/attributes.js';
import type {
  LogisticsGuaranteeClaimEvent,
  LogisticsGuaranteeSessionExpiredEvent,
} from '../claims/events.js';
import type { LogisticsGuaranteeClaims } from '../claims/logistics-guarantee-claims.component.js';
import type { LogisticsGuaranteeAttributes } from '../logistics-guarantee/attributes.js';
import type {
  LogisticsGuaranteeChangeEvent,
  LogisticsGuaranteeErrorEvent,
} from '../logistics-guarantee/events.js';
import type { LogisticsGuarantee } from '../logistics-guarantee/logistics-guarantee.component.js';

/** The props of `<logistics-guarantee>` in React 19. */
export type LogisticsGuaranteeReactProps = DetailedHTMLProps<
  HTMLAttributes<LogisticsGuarantee>,
  LogisticsGuarantee
> &
  LogisticsGuaranteeAttributes & {
    /** The submitted value changed: `event.detail` is `{ selected, fee, quoteToken, expiresAt }`. */
    'onlogistics-guarantee-change'?: (event: LogisticsGuaranteeChangeEvent) => void;
    /** A quote failed: `event.detail` is `{ code, message }`. */
    'onlogistics-guarantee-error'?: (event: LogisticsGuaranteeErrorEvent) => void;
  };

/** The props of `<logistics-guarantee-claims>` (the member center) in React 19. */
export type LogisticsGuaranteeClaimsReactProps = DetailedHTMLProps<
  HTMLAttributes<LogisticsGuaranteeClaims>,
  LogisticsGuaranteeClaims
> &
  LogisticsGuaranteeClaimsAttributes &
  LogisticsGuaranteeClaimsProperties & {
    /** A claim was filed: `event.detail` is `{ claimId, reference, status }`. */
    'onlogistics-guarantee-claim-filed'?: (event: LogisticsGuaranteeClaimEvent) => void;
    /** A claim's status changed: `event.detail` is `{ claimId, reference, status }`. */
    'onlogistics-guarantee-claim-updated'?: (event: LogisticsGuaranteeClaimEvent) => void;
    /** Documents were added to a claim: `event.detail` is `{ claimId, reference, status }`. */
    'onlogistics-guarantee-documents-added'?: (event: LogisticsGuaranteeClaimEvent) => void;
    /** The session ended: set a new `session-token`. `event.detail` is `{ code }`. */
    'onlogistics-guarantee-session-expired'?: (
      event: LogisticsGuaranteeSessionExpiredEvent,
    ) => void;
  };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'logistics-guarantee': LogisticsGuaranteeReactProps;
      'logistics-guarantee-claims': LogisticsGuaranteeClaimsReactProps;
    }
  }
}

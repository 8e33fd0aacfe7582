// Side effect: registers <logistics-guarantee-claims>. Guarded like define.ts: a page may load
// the script twice, and a second define() would throw.
import { LogisticsGuaranteeClaims } from './claims/logistics-guarantee-claims.component.js';

if (!customElements.get('logistics-guarantee-claims')) {
  customElements.define('logistics-guarantee-claims', LogisticsGuaranteeClaims);
}

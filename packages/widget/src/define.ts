// Side effect: registers <logistics-guarantee>. Guarded because a storefront may load the
// script twice (two tags, or two versions), and a second define() would throw.
import { LogisticsGuarantee } from './logistics-guarantee/logistics-guarantee.component.js';

if (!customElements.get('logistics-guarantee')) {
  customElements.define('logistics-guarantee', LogisticsGuarantee);
}

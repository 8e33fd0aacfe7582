// The bundle's entry: loading it registers <logistics-guarantee>.
import './define.js';

export type { CartLine, Exclusion, Money, Policy, Quote } from './api-client.js';
export { ApiError } from './api-client.js';
export type { LogisticsGuaranteeAttributes } from './logistics-guarantee/attributes.js';
export type {
  LogisticsGuaranteeChangeDetail,
  LogisticsGuaranteeChangeEvent,
  LogisticsGuaranteeErrorDetail,
  LogisticsGuaranteeErrorEvent,
} from './logistics-guarantee/events.js';
export { CHANGE_EVENT, ERROR_EVENT } from './logistics-guarantee/events.js';
export {
  LogisticsGuarantee,
  type LogisticsGuaranteeStatus,
} from './logistics-guarantee/logistics-guarantee.component.js';

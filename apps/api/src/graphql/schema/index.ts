// Imports every type file and builds the schema. Order matters only for side effects.
import { builder } from '../builder.js';
import './scalars.js';
import './money.js';
import './user-error.js';
import './enums.js';
import './policy.js';
import './exchange-rate.js';
import './quote.js';
import './package.js';
import './guarantee.js';
import './document.js';
import './claim.js';
import './claims-listing.js';
import './risk-signal.js';
import './loss-report.js';
import './claim-eligibility.js';
import './claim-updates.js';
import './storefront.js';
import './api-key.js';
import './member-session.js';
import './webhook.js';
import './carrier-feed.js';
import './viewer.js';

export const schema = builder.toSchema({ sortSchema: false });

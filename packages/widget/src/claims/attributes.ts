/**
 * What a framework template may set on `<logistics-guarantee-claims>`, by the names that work
 * whether or not the element is defined yet (attributes in kebab-case).
 */
export interface LogisticsGuaranteeClaimsAttributes {
  /** The member session from `createMemberSession`, made by the storefront's server. Required. */
  'session-token'?: string;
  /** The GraphQL endpoint; defaults to `/graphql` on the origin that served the script. */
  'api-url'?: string;
  /** BCP 47 locale; defaults to `<html lang>`, else the browser's language. */
  locale?: string;
}

/**
 * The same settings as properties, as React 19 (`sessionToken={...}`) and Vue
 * (`:sessionToken`, `:sessionToken.prop`) pass them. They work before the element is defined
 * too: it reads the lowercased attributes those frameworks set then (`sessiontoken`).
 */
export interface LogisticsGuaranteeClaimsProperties {
  sessionToken?: string;
  apiUrl?: string;
}

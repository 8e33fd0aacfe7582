/** Absolute path of the built bundle, `dist/logistics-guarantee.js` (exists after `build`). */
export declare const widgetBundlePath: string;
/** Absolute path of the member center's bundle, `dist/logistics-guarantee-claims.js`. */
export declare const claimsBundlePath: string;

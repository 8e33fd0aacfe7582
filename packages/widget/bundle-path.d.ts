/** Absolute path of the built bundle, `dist/logistics-guarantee.js` (exists after `build`). */
export declare const widgetBundlePath: string;

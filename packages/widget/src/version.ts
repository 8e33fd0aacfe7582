/** This build's version, as quotes record where the shopper saw the offer (`widget@<version>`). */
export const WIDGET_VERSION = '0.1.0';

/** The product's name and version, written into every package and PDF it produces. */
export const PRODUCT_NAME = 'Portfolio Builder';
export const PRODUCT_VERSION = '0.1.0';

/**
 * Implementation of the Selenium integration; not public API, may change without notice.
 */
package io.captchafeedback.selenium.internal;

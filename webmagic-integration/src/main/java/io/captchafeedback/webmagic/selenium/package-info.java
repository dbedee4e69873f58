/**
 * The Selenium engine of the WebMagic downloader: {@link io.captchafeedback.webmagic.selenium.SeleniumBrowsers}.
 * Needs {@code selenium-integration} on the class path.
 */
package io.captchafeedback.webmagic.selenium;

/**
 * captcha-feedback for WebMagic spiders: {@link io.captchafeedback.webmagic.CaptchaDownloader} loads pages in
 * a browser, handles their captcha (token from a {@link io.captchafeedback.webmagic.TokenSource}, injection,
 * the site's verdict by the outcome rules, feedback to the provider) and tells the spider what happened
 * ({@link io.captchafeedback.webmagic.PageVerdict}). Engines: {@code selenium} and {@code playwright}
 * subpackages; bring one.
 */
package io.captchafeedback.webmagic;

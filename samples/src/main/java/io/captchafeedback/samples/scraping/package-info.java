/**
 * Sample: a scraping run over a list of URLs as a thin WebMagic spider on the
 * {@link io.captchafeedback.webmagic.CaptchaDownloader} (Playwright), with a hand-written
 * {@link io.captchafeedback.webmagic.TokenSource} for the tokens and rule files deciding what each site did
 * with them. Run {@link io.captchafeedback.samples.scraping.ScrapingLoop#main(String[])}; see
 * {@code samples/README.md}.
 */
package io.captchafeedback.samples.scraping;

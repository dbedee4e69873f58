/**
 * Sample: a scraping loop over a list of URLs with one Playwright browser, a {@link
 * io.captchafeedback.samples.scraping.TokenSource} for the tokens and a rule file deciding what each site
 * did with them. Run {@link io.captchafeedback.samples.scraping.ScrapingLoop#main(String[])}; see
 * {@code samples/README.md}.
 */
package io.captchafeedback.samples.scraping;

/**
 * Sample: a custom provider adapter for a made-up provider "acme", found through
 * {@link java.util.ServiceLoader} and used from a configuration with {@code type: acme}. Copy
 * {@link io.captchafeedback.samples.adapter.AcmeAdapterFactory}, {@code AcmeAdapter} and the
 * {@code META-INF/services} file; see {@code samples/README.md}.
 */
package io.captchafeedback.samples.adapter;

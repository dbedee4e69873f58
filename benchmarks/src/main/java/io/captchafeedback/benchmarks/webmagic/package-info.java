/** Throughput of the WebMagic downloader with and without captcha-feedback: {@link io.captchafeedback.benchmarks.webmagic.WebMagicThroughputBenchmark}. */
package io.captchafeedback.benchmarks.webmagic;

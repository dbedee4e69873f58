/** Small HTTP helpers shared by the provider emulator and the demo site. */
package io.captchafeedback.testkit.http;

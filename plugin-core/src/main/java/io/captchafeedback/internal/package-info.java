/** Implementation details of captcha-feedback; not public API, may change in any release. */
package io.captchafeedback.internal;

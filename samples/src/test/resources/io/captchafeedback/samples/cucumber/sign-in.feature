Feature: Signing in on a captcha-protected page
  The captcha glue (io.captchafeedback.cucumber.glue) gives the steps about tokens and verdicts;
  the others are this suite's own (SignInSteps).

  Scenario: a good token signs in and the provider hears it was valid
    Given a solved HCAPTCHA captcha "login" for the page "/hcaptcha/inline-error"
    When I open the page "/hcaptcha/inline-error"
    And the captcha token for task "login" is injected
    And I sign in
    Then the captcha verdict is ACCEPTED
    And the provider is told the token of "login" was valid

  Scenario: a token the site refuses is reported as invalid
    Given a solved TURNSTILE captcha "login" for the page "/turnstile/inline-error"
    And the site will refuse the token of "login"
    When I open the page "/turnstile/inline-error"
    And the captcha token for task "login" is injected
    And I sign in
    Then the captcha verdict is REJECTED_CAPTCHA
    And the provider is told the token of "login" was invalid

  Scenario: a wrong password is not the captcha's fault and nothing is sent
    Given a solved RECAPTCHA_V2 captcha "login" for the page "/recaptcha-v2/wrong-password"
    When I open the page "/recaptcha-v2/wrong-password"
    And the captcha token for task "login" is injected
    And I sign in
    Then the captcha verdict is REJECTED_OTHER
    And the provider is told nothing about "login"

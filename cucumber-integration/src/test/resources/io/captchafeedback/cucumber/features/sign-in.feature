Feature: Signing in on captcha-protected pages

  Scenario: a good token signs in
    Given a solved HCAPTCHA task "sign-in" for the page "/hcaptcha/inline-error" whose token is good
    When I open the page "/hcaptcha/inline-error"
    And the captcha token for task "sign-in" is injected
    And I press "sign-in"
    Then the captcha verdict is ACCEPTED

  Scenario: a token the site refuses
    Given a solved TURNSTILE task "sign-in" for the page "/turnstile/inline-error" whose token is bad
    When I open the page "/turnstile/inline-error"
    And the captcha token for task "sign-in" is injected
    And I press "sign-in"
    Then the captcha verdict for task "sign-in" is REJECTED_CAPTCHA

  Scenario: a wrong password
    Given a solved RECAPTCHA_V2 task "sign-in" for the page "/recaptcha-v2/wrong-password" whose token is good
    When I open the page "/recaptcha-v2/wrong-password"
    And the captcha token for task "sign-in" is injected
    And I press "sign-in"
    Then the captcha verdict is REJECTED_OTHER

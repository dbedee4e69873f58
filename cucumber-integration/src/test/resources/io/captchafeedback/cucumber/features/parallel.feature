Feature: Many sign-ins at once

  Scenario Outline: sign-in <n> on <page>
    Given a solved <widget> task "sign-in" for the page "<page>" whose token is <token>
    When I open the page "<page>"
    And the captcha token for task "sign-in" is injected
    And I press "sign-in"
    Then the captcha verdict is <verdict>

    Examples:
      | n | widget       | page                         | token | verdict          |
      | 1 | HCAPTCHA     | /hcaptcha/inline-error       | good  | ACCEPTED         |
      | 2 | TURNSTILE    | /turnstile/inline-error      | bad   | REJECTED_CAPTCHA |
      | 3 | RECAPTCHA_V2 | /recaptcha-v2/wrong-password | good  | REJECTED_OTHER   |
      | 4 | TURNSTILE    | /turnstile/inline-error      | good  | ACCEPTED         |
      | 5 | HCAPTCHA     | /hcaptcha/inline-error       | bad   | REJECTED_CAPTCHA |
      | 6 | RECAPTCHA_V2 | /recaptcha-v2/inline-error   | good  | ACCEPTED         |

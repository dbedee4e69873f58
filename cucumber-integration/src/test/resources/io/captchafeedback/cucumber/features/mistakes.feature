Feature: Mistakes in a suite get clear errors

  Scenario: a verdict asked for before any injection
    Then the captcha verdict is ACCEPTED

  Scenario: a verdict that does not exist
    Then the captcha verdict for task "login" is GREAT

  Scenario: a task nobody remembered
    When the captcha token for task "login" is injected

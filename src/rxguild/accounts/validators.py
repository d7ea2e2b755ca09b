"""Password validation beyond Django's built-ins."""

from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    """Allow long passphrases (OWASP ASVS 2.1.2: at least 64, we allow 128) but cap the work
    a single request can make the hasher do."""

    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                f"Use at most {self.max_length} characters.", code="password_too_long"
            )

    def get_help_text(self) -> str:
        return f"Your password can be up to {self.max_length} characters; a passphrase is fine."

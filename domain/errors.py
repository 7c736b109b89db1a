"""Domain errors: each one maps to a catalogue text in handlers (one error router)."""


class DomainError(Exception):
    """A rule of the city said no; the message is for logs, the code picks the user text."""

    code = "domain_error"


class NotFound(DomainError):
    code = "not_found"


class NotAllowed(DomainError):
    """The actor may not do this (not the author, not staff)."""

    code = "not_allowed"


class InvalidTransition(DomainError):
    code = "invalid_transition"


class ReopenWindowClosed(InvalidTransition):
    code = "reopen_window_closed"


class InvalidInput(DomainError):
    code = "invalid_input"


class DescriptionTooShort(InvalidInput):
    code = "description_too_short"


class DescriptionTooLong(InvalidInput):
    code = "description_too_long"


class OutsideKazan(InvalidInput):
    code = "outside_kazan"


class TooManyPhotos(InvalidInput):
    code = "too_many_photos"


class ServiceUnavailable(Exception):
    """Infrastructure (the database) is down: not the person's fault; the update is retried."""


class TooManyAddresses(InvalidInput):
    code = "too_many_addresses"

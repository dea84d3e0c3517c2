"""The filing tests' portal (blob storage, a frozen clock on Monday 2026-03-02 09:00, users)."""

from tests.functional.filings.conftest import (  # noqa: F401 - fixtures
    client,
    clock,
    filing_settings,
    filing_wsgi_app,
)

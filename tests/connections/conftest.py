"""Fixtures for these tests live in tests/conftest.py (sandbox, meli_services, meli_client_http)."""

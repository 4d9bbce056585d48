"""Helpers shared by melihub's test suites and benchmarks (real servers, never mocks)."""

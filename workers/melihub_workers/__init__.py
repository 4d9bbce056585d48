"""melihub's background workers (arq): thin task modules that call the domain services."""

"""The audit log in GraphQL: ``auditLog`` and the ``AuditEntry`` node."""

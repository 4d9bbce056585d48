"""GraphQL surface of linked Mercado Livre accounts (Integrações > Conectores)."""

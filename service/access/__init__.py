"""Access control: organisations, API tokens, roles (imports nothing, to avoid cycles).

- `service.access.principal`: `Principal`, `ROLES`
- `service.access.tokens`: `AccessStore` (organisations, hashed tokens)
- `service.access.guard`: `allow(...)` on views, `check_request`, 401 / 403 problems
"""

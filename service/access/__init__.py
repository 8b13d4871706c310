"""Access control: organisations, API tokens, users (the caller is `service.principal`).

- `service.access.tokens`: `AccessStore` (organisations, hashed tokens)
- `service.access.guard`: `allow(...)` on views, `check_request`, 401 / 403 problems
"""

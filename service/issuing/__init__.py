"""Issuing: request -> stored, sealed, signed document (reuse, seal, render pool, sign, store,
audit). The API, the pages, packets and jobs call only this; no Flask here.

- `DocumentIssuer.issue` / `issue_many`: one document, or many rendered in parallel
- `PacketBuilder`: a case's documents in one ZIP, issued through the issuer
- `RenderPool`, `RenderJob`: the render processes and the typed job they take
"""

from service.issuing.issuer import DocumentIssuer, IssuedDocument
from service.issuing.job import DocumentRequest, RenderJob
from service.issuing.packets import Packet, PacketBuilder
from service.issuing.pool import RenderPool, RenderTimeoutError

__all__ = [
    "DocumentIssuer",
    "DocumentRequest",
    "IssuedDocument",
    "Packet",
    "PacketBuilder",
    "RenderJob",
    "RenderPool",
    "RenderTimeoutError",
]

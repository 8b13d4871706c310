"""Verifiable documents: codes printed in every stored PDF, PAdES signatures (no Flask here)."""

from service.verification.codes import derive_code, derive_series, normalise_code
from service.verification.seal import DocumentSeal, describe_seal
from service.verification.signing import (
    DocumentSigner,
    SignatureCheck,
    SigningConfigurationError,
    SigningSettings,
    create_development_identity,
    signing_settings,
)

__all__ = [
    "DocumentSeal",
    "DocumentSigner",
    "SignatureCheck",
    "SigningConfigurationError",
    "SigningSettings",
    "create_development_identity",
    "derive_code",
    "derive_series",
    "describe_seal",
    "normalise_code",
    "signing_settings",
]

"""Document files at rest: AES-256-GCM envelopes, readable after a key rotation."""

from __future__ import annotations

import pytest

from service.storage.crypto import FILE_ENVELOPE, DataCipher, KeyConfigurationError, generate_key

CONTENT = "Заява про встановлення факту народження дитини".encode() * 400


def test_a_file_is_stored_as_ciphertext_hardly_larger_than_itself() -> None:
    cipher = DataCipher([generate_key()])
    stored = cipher.encrypt_file(CONTENT)
    assert stored.startswith(FILE_ENVELOPE)
    assert CONTENT[:40] not in stored
    # Fernet's base64 made every stored document a third larger than its file.
    assert len(stored) - len(CONTENT) <= 40
    assert cipher.encrypt_file(CONTENT) != stored, "each file gets a fresh nonce"
    assert cipher.decrypt_file(stored) == CONTENT


def test_files_stored_as_fernet_tokens_before_still_open() -> None:
    cipher = DataCipher([generate_key()])
    assert cipher.decrypt_file(cipher.encrypt(CONTENT)) == CONTENT


def test_after_a_rotation_old_files_open_and_new_ones_use_the_new_key() -> None:
    old_key, new_key = generate_key(), generate_key()
    before = DataCipher([old_key])
    after = DataCipher([new_key, old_key])
    stored_before = before.encrypt_file(CONTENT)
    assert after.decrypt_file(stored_before) == CONTENT
    with pytest.raises(KeyConfigurationError):
        before.decrypt_file(after.encrypt_file(CONTENT))


@pytest.mark.parametrize("position", [2, 6, 20, -1], ids=["mark", "key id", "nonce", "tag"])
def test_a_changed_byte_is_refused_not_decrypted(position: int) -> None:
    cipher = DataCipher([generate_key()])
    stored = bytearray(cipher.encrypt_file(CONTENT))
    stored[position] ^= 0x01
    with pytest.raises(KeyConfigurationError):
        cipher.decrypt_file(bytes(stored))

"""Page images are stored like document files: encrypted, whole or not at all, per renderer."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from service.rendering.page_images import render_page_images
from service.storage.crypto import DataCipher, generate_key
from service.storage.files import TEMPORARY_PREFIX, LocalFileStore
from service.storage.page_images import PageImageCache, png_size
from tests.unit.test_page_images import A4, make_pdf

SHA = hashlib.sha256(b"a document").hexdigest()


@pytest.fixture
def images() -> list[bytes]:
    """Two real page images."""
    return render_page_images(make_pdf(A4, A4))


def test_images_are_stored_encrypted_and_read_back(tmp_path: Path, images: list[bytes]) -> None:
    cache = PageImageCache(tmp_path, DataCipher([generate_key()]), "r1")
    assert cache.pages(SHA) is None and cache.load(SHA, 1) is None
    pages = cache.ensure(SHA, lambda: images)
    assert pages.count == 2 and pages.sizes[0] == png_size(images[0])
    assert cache.load(SHA, 1) == images[0] and cache.load(SHA, 2) == images[1]
    assert cache.load(SHA, 3) is None and cache.load(SHA, 0) is None
    on_disk = (cache.folder_of(SHA) / "1.png").read_bytes()
    assert not on_disk.startswith(b"\x89PNG") and images[0][:64] not in on_disk  # encrypted
    assert cache.ensure(SHA, lambda: pytest.fail("made again")) == pages
    other = PageImageCache(tmp_path, DataCipher([generate_key()]), "r2")
    assert other.pages(SHA) is None, "another renderer version has its own images"


def test_a_set_without_its_list_is_not_served(tmp_path: Path, images: list[bytes]) -> None:
    cache = PageImageCache(tmp_path, DataCipher([generate_key()]), "r1")
    cache.save(SHA, images)
    (cache.folder_of(SHA) / "pages.json").unlink()  # killed before the list was written
    assert cache.pages(SHA) is None
    assert cache.ensure(SHA, lambda: images).count == 2


def test_an_image_no_key_decrypts_is_forgotten_and_made_again(
    tmp_path: Path, images: list[bytes]
) -> None:
    PageImageCache(tmp_path, DataCipher([generate_key()]), "r1").save(SHA, images)
    rotated = PageImageCache(tmp_path, DataCipher([generate_key()]), "r1")  # old key dropped
    assert rotated.load(SHA, 1) is None
    assert rotated.pages(SHA) is None
    assert rotated.ensure(SHA, lambda: images).count == 2 and rotated.load(SHA, 1) == images[0]


def test_a_killed_write_leaves_a_temporary_file_that_the_store_sweeps(
    tmp_path: Path, images: list[bytes]
) -> None:
    cipher = DataCipher([generate_key()])
    cache = PageImageCache(tmp_path, cipher, "r1")
    cache.save(SHA, images)
    left = cache.folder_of(SHA) / f"{TEMPORARY_PREFIX}abc"
    left.write_bytes(b"partial")
    old = time.time() - 3600
    os.utime(left, (old, old))
    assert LocalFileStore(tmp_path, cipher).sweep_temporary() == 1
    assert not left.exists() and cache.load(SHA, 2) == images[1]


def test_deleting_a_file_deletes_its_page_images(tmp_path: Path, images: list[bytes]) -> None:
    cipher = DataCipher([generate_key()])
    files = LocalFileStore(tmp_path, cipher)
    sha256 = files.save(make_pdf(A4, A4))
    other = files.save(make_pdf(A4))
    for renderer in ("r1", "r2"):
        PageImageCache(tmp_path, cipher, renderer).save(sha256, images)
    PageImageCache(tmp_path, cipher, "r1").save(other, images[:1])
    files.delete(sha256)  # as the retention purge does
    assert not files.exists(sha256)
    assert not list(tmp_path.rglob(sha256)), "no image of a deleted document is kept"
    assert PageImageCache(tmp_path, cipher, "r1").load(other, 1) == images[0]


def test_only_a_sha256_names_a_folder(tmp_path: Path) -> None:
    cache = PageImageCache(tmp_path, DataCipher([generate_key()]), "r1")
    with pytest.raises(Exception, match="SHA-256"):
        cache.folder_of("../../etc")

"""Which jobs the sweeper takes again, on SQLite and PostgreSQL (issue 28).

Running jobs whose lease ran out, and queued jobs whose message is older than the grace
(the broker lost it); each retaken by one sweeper only, and run by one runner only
however many messages ask for it. Time is passed in (`now`), so nothing here sleeps.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from service.jobs.store import DONE, QUEUED, RUNNING, JobStore, JobView, JobWork, LeaseLostError
from service.principal import Principal
from service.storage.models import utc_now
from tests.conftest import build_test_app
from tests.storage.conftest import postgres_url  # noqa: F401  # the PostgreSQL database fixture

GRACE = timedelta(seconds=30)
SYSTEM = Principal("test-system", "system", None)


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[JobStore]:
    """The jobs table of an application on each database backend."""
    url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    app = build_test_app(tmp_path_factory.mktemp(f"sweep-{request.param}"), url)
    storage = app.extensions["storage"]
    yield JobStore(storage.database, storage.cipher)
    storage.database.dispose()


def new_job(store: JobStore) -> str:
    """A queued bulk render, its message sent now."""
    view = store.create(
        "bulk_render",
        {"template": "t", "lang": "uk", "format": "docx", "cases": []},
        total=0,
        principal=SYSTEM,
        case_id=None,
        organisation_id=None,
        webhook_url=None,
    )
    return view.id


def lapsed(store: JobStore, now: datetime, ours: set[str], *, queued: bool = True) -> set[str]:
    """Of our jobs, those a sweep at `now` would take (other tests' jobs share the table)."""
    return set(store.expired(now=now, queued_before=now - GRACE if queued else None)) & ours


def claim(store: JobStore, job_id: str, lease: float = 60) -> JobWork | JobView | None:
    """Claim a job as a runner that got its message would."""
    return store.claim(job_id, lease_seconds=lease, max_attempts=3)


def test_a_queued_job_is_taken_once_its_message_is_older_than_the_grace(store: JobStore) -> None:
    job_id = new_job(store)
    now = utc_now()
    assert lapsed(store, now, {job_id}) == set(), "a fresh message may still arrive"
    assert lapsed(store, now + GRACE - timedelta(seconds=1), {job_id}) == set()
    later = now + GRACE + timedelta(seconds=1)
    assert lapsed(store, later, {job_id}) == {job_id}, "its message is taken as lost"
    assert lapsed(store, later, {job_id}, queued=False) == set(), "no grace: queued jobs wait"


def test_a_retaken_job_is_sent_by_one_sweeper_and_waits_a_grace_before_the_next(
    store: JobStore,
) -> None:
    job_id = new_job(store)
    later = utc_now() + GRACE + timedelta(seconds=1)
    retake = {"now": later, "queued_before": later - GRACE}
    assert store.retake(job_id, **retake) is True
    assert store.retake(job_id, **retake) is False, "a second sweeper finds it sent"
    assert lapsed(store, later, {job_id}) == set()
    assert lapsed(store, later + GRACE + timedelta(seconds=1), {job_id}) == {job_id}
    assert store.view(job_id).state == QUEUED


def test_a_job_a_runner_took_is_not_taken_while_its_lease_holds(store: JobStore) -> None:
    job_id = new_job(store)
    work = claim(store, job_id, lease=60)
    assert isinstance(work, JobWork)
    soon = utc_now() + timedelta(seconds=59)
    assert lapsed(store, soon, {job_id}) == set()
    assert store.retake(job_id, now=soon, queued_before=soon - GRACE) is False
    assert claim(store, job_id) is None, "a second message of the job finds it taken"
    store.finish(job_id, DONE, lease=work.lease)
    far = utc_now() + timedelta(days=1)
    assert lapsed(store, far, {job_id}) == set(), "a finished job is never taken again"
    assert claim(store, job_id) is None, "nor run again by a late message"


def test_a_running_job_whose_lease_ran_out_is_queued_again_and_its_old_runner_stops(
    store: JobStore,
) -> None:
    job_id = new_job(store)
    dead = claim(store, job_id, lease=5)
    assert isinstance(dead, JobWork)
    after_lease = utc_now() + timedelta(seconds=6)
    assert lapsed(store, after_lease, {job_id}, queued=False) == {job_id}
    assert store.retake(job_id, now=after_lease) is True
    job = store.view(job_id)
    assert job.state == QUEUED and job.started_at is not None
    with pytest.raises(LeaseLostError):  # the old runner, had it only stalled
        store.renew(job_id, dead.lease, 5)
    fresh = claim(store, job_id)
    assert isinstance(fresh, JobWork) and fresh.lease != dead.lease
    assert store.view(job_id).state == RUNNING
    assert claim(store, job_id) is None, "the first message to arrive wins"


def test_jobs_recorded_before_published_at_count_from_their_creation(store: JobStore) -> None:
    job_id = new_job(store)
    with store.database.connection() as connection:
        connection.execute(
            sa.text("UPDATE jobs SET published_at = NULL WHERE id = :id"), {"id": job_id}
        )
    now = utc_now()
    assert lapsed(store, now, {job_id}) == set()
    assert lapsed(store, now + GRACE + timedelta(seconds=1), {job_id}) == {job_id}

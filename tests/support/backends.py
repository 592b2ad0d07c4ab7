"""Fixtures for the scale path: a fresh PostgreSQL database and a flushed Redis
database per test (MEETLOOP_TEST_PG_URL / MEETLOOP_TEST_REDIS_URL), so parallel
runs by others cannot interfere. Unreachable: skipped, or failed under CI."""

from __future__ import annotations

import os
import uuid

import pytest

PG_ADMIN_URL = os.environ.get("MEETLOOP_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("MEETLOOP_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def _unreachable(what: str, error: Exception):
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not reachable and CI is set: {error}")
    pytest.skip(f"{what} not reachable: {error}")


@pytest.fixture
def pg_database():
    """A fresh PostgreSQL database for this test: its URL."""
    psycopg = pytest.importorskip("psycopg")
    name = f"meetloop_scale_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as e:
        _unreachable(f"PostgreSQL at {PG_ADMIN_URL}", e)
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_queue():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.flushdb()
    except redis.RedisError as e:
        _unreachable(f"Redis at {REDIS_URL}", e)
    yield REDIS_URL
    client.flushdb()

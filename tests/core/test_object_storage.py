"""Uploads in S3-compatible object storage (django-storages) when AWS_STORAGE_BUCKET_NAME is
set, local files otherwise.

What runs here: the settings as an operator sets them (a fresh process, the environment only)
and a real upload, download and probe through django-storages' S3Storage and boto3, with moto
standing in for the S3 service inside the process (no network). Not run here: a real AWS, MinIO
or Ceph server (docs/deployment.md says so).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto import mock_aws
from tests.ce.conftest import certificate_pdf, make_member

from rxguild.ce.services import ce_record_add

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "rxguild-uploads-test"
CONFIG = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "storage": settings.STORAGES["default"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "tasks": settings.TASKS["default"]["BACKEND"],
    "rq": settings.RQ_QUEUES["default"]["URL"],
}))
"""


def _settings_for(**environment: str) -> dict[str, Any]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "PYTEST", "RXGUILD_", "REDIS_", "TASKS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="rxguild.settings", PYTHONPATH=str(ROOT / "src"), **environment
    )
    out = subprocess.run(
        [sys.executable, "-c", CONFIG],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
        timeout=120,
    )
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


def test_nothing_set_means_local_files_database_cache_and_database_queue() -> None:
    chosen = _settings_for()
    assert chosen["storage"] == {"BACKEND": "rxguild.core.storage.LocalStorage"}
    assert chosen["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert chosen["tasks"] == "django_tasks_db.DatabaseBackend"


def test_environment_selects_s3_storage_redis_cache_and_rq_queue() -> None:
    chosen = _settings_for(
        AWS_STORAGE_BUCKET_NAME="rx-uploads",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
        AWS_S3_REGION_NAME="eu-west-1",
        REDIS_URL="redis://127.0.0.1:6379/7",
    )
    assert chosen == {
        "storage": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "rx-uploads",
                "endpoint_url": "https://s3.example.org",
                "region_name": "eu-west-1",
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "private, no-store"},
            },
        },
        "cache": "django_redis.cache.RedisCache",
        "tasks": "django_tasks_rq.RQBackend",
        "rq": "redis://127.0.0.1:6379/7",
    }


@pytest.fixture
def s3(settings: Any, monkeypatch: pytest.MonkeyPatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "default_acl": None,
                    "querystring_auth": True,
                    "file_overwrite": False,
                },
            },
        }
        yield client


def _keys(client: Any) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


@pytest.mark.django_db
def test_a_ce_proof_is_stored_in_the_bucket_and_handed_back_to_its_owner_only(
    s3: Any, client: Any, settings: Any
) -> None:
    member = make_member()
    pdf = certificate_pdf(["Certificate of completion", "Medication safety"])
    record = ce_record_add(
        member=member,
        data={"title": "Medication safety", "completed_on": "2026-10-01", "hours": "1"},
        proof=SimpleUploadedFile("certificate.pdf", pdf),
    )
    assert _keys(s3) == [record.proof_file.name]
    assert record.proof_file.name.startswith("ce-proof/")
    stored = s3.get_object(Bucket=BUCKET, Key=record.proof_file.name)
    assert stored["Body"].read() == pdf
    assert list(settings.MEDIA_ROOT.rglob("*.pdf")) == []  # nothing on the local disk

    client.force_login(member)
    response = client.get(reverse("ce:record_proof", args=[record.id]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf

    client.force_login(make_member("other@example.org"))
    assert client.get(reverse("ce:record_proof", args=[record.id])).status_code == 404


@pytest.mark.django_db
def test_readyz_probes_the_bucket_and_leaves_nothing(s3: Any, client: Any) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"]["backend"] == "S3Storage"
    assert _keys(s3) == []

"""An Elasticsearch *emulator* for the search tests: noida-db (PyPI, pinned in requirements/dev.txt) runs a
local binary that speaks the Elasticsearch 8 REST API. It is not Elasticsearch: it stands in for one so that
django-elasticsearch-dsl, the bulk API, aliases and fuzzy/prefix queries are exercised for real. Each test
session starts its own on a free port with its own data directory, and stops it by its process id."""

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from importlib import resources

import pytest

from tests.servers import free_port


def binary():
    try:
        path = resources.files("noida_db").joinpath("noida-db")
    except ModuleNotFoundError:
        return None
    if not path.is_file():
        return None
    os.chmod(str(path), 0o755)
    return str(path)


def skip_reason():
    if binary() is None:
        return "needs the noida-db Elasticsearch emulator (pip install -r requirements/dev.txt)"
    return None


class Emulator:
    def __init__(self, port=None, data_dir=None):
        self.port = port or free_port()
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="noida-es-")
        self.proc = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=20):
        cmd = [binary(), "start", "--only", "elasticsearch", "--host", "127.0.0.1"]
        cmd += ["--elasticsearch-port", str(self.port), "--data-dir", self.data_dir]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the emulator exited early: {self.proc.stdout.read()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=1) as response:
                    json.load(response)
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise TimeoutError("the Elasticsearch emulator did not answer")

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.cleanup()


needs_emulator = pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or "")

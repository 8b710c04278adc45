"""Serving a built site on 127.0.0.1 for the browser, optionally under a strict Content Security Policy."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


def policy(base: str) -> str:
    """Scripts only from _static/ and Pagefind's bundle (whose WebAssembly may compile), nothing inline,
    nothing from elsewhere."""
    return (
        f"default-src 'self'; script-src {base}_static/ {base}pagefind/ 'wasm-unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


@contextmanager
def serve(directory: Path, strict: bool = False) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1 (with the policy on every response if
    ``strict``); yield its base URL."""
    base = ""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(directory), **kwargs)

        def end_headers(self) -> None:
            if strict:
                self.send_header("Content-Security-Policy", policy(base))
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Keep the test output quiet."""

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield base
    finally:
        httpd.shutdown()
        httpd.server_close()

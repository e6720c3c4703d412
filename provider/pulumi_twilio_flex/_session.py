"""One pooled HTTP client per provider process and credentials, shared by the provider's worker threads.

The dynamic provider server calls the provider from 4 worker threads. A `requests.Session` serves them all
safely as long as nothing mutates it after it is built: its urllib3 pool hands each thread its own
connection, and the cookie jar locks itself. Credentials and headers go with each request, never on the
session. So a run opens a handful of keep-alive connections instead of one per flow.
"""

from __future__ import annotations

import os
import threading

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ._client import TwilioClient
from ._config import ConnectionSettings
from ._description import ResourceDescription
from .flex_flow.description import FLEX_FLOW

POOL_SIZE = 8  # connections kept per host: the server's 4 worker threads, with room to spare

_lock = threading.Lock()
_clients: dict[tuple[ConnectionSettings, str], TwilioClient] = {}


def new_session(base_url: str | None = None) -> requests.Session:
    """A session whose adapter keeps up to POOL_SIZE connections per host and retries nothing itself.

    With `base_url`, the environment's proxy and CA bundle settings for that host are read once, here.
    """
    session = requests.Session()
    # Retries happen one level up (`_retry`), where a create can be told from an update.
    adapter = HTTPAdapter(pool_connections=4, pool_maxsize=POOL_SIZE, max_retries=Retry(0, read=False))
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    if base_url is not None:
        # requests otherwise re-reads every proxy variable (HTTPS_PROXY, NO_PROXY...) and the CA bundle on each
        # request, a fifth of a request's CPU. The provider process's environment is fixed and its requests all go
        # to one host: resolve them once for that host, as requests would.
        session.proxies.update(requests.utils.get_environ_proxies(base_url))
        session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        session.trust_env = False
    return session


def pooled_client(settings: ConnectionSettings, description: ResourceDescription = FLEX_FLOW) -> TwilioClient:
    """The process's client for these settings (credentials, base URL, retry bounds) and resource, built once."""
    key = (settings, description.type_name)
    with _lock:
        client = _clients.get(key)
        if client is None:
            client = _clients[key] = TwilioClient(description, settings, session=new_session(settings.base_url))
        return client

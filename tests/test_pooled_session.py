"""One pooled session per process and credentials, shared by the provider's worker threads."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

from pulumi_twilio_flex._config import ConnectionSettings, Credentials
from pulumi_twilio_flex._session import POOL_SIZE, pooled_client
from pulumi_twilio_flex.emulator import EmulatorServer, FlexApiEmulator

FORM = {
    "FriendlyName": "pooled",
    "ChatServiceSid": "IS" + "a" * 32,
    "ChannelType": "web",
    "Integration.FlowSid": "FW" + "b" * 32,
}


def test_one_client_per_credentials_and_endpoint():
    settings = ConnectionSettings(Credentials("AC" + "1" * 32, "one"), "http://127.0.0.1:9")
    assert pooled_client(settings) is pooled_client(
        ConnectionSettings(Credentials("AC" + "1" * 32, "one"), settings.base_url)
    )
    assert pooled_client(settings) is not pooled_client(
        ConnectionSettings(Credentials("AC" + "1" * 32, "two"), settings.base_url)
    )


def test_worker_threads_share_a_handful_of_keep_alive_connections(emulator):
    app = FlexApiEmulator()
    with EmulatorServer(app) as server:
        provider = emulator.provider()
        provider._config_get = {**emulator.config(), "twilio:flexApiUrl": server.url}.get
        with ThreadPoolExecutor(max_workers=4) as pool:  # what the dynamic provider server runs
            clients = list(pool.map(lambda _n: provider._client(), range(8)))
            sids = list(pool.map(lambda n: clients[n % 8].create({**FORM, "FriendlyName": f"f{n}"})["sid"], range(40)))
            list(pool.map(lambda sid: provider.read(sid, {"sid": sid}), sids))
        counters = app.counters()
    assert all(client is clients[0] for client in clients)
    assert counters["requests_total"] == 40 + 2  # the creates, then one GET and one listing for the 40 reads
    assert 1 <= counters["connections_opened"] <= 4 <= POOL_SIZE, counters
    assert pickle.loads(pickle.dumps(provider)).__dict__.keys() == provider.__class__().__dict__.keys()
    assert pickle.dumps(provider).find(emulator.token.encode()) == -1

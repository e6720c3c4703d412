"""The dynamic provider behind `FlexFlow`: Pulumi's CRUD contract mapped onto /v1/FlexFlows.

Pulumi pickles this object (by reference: module path, class name, instance state) into every stack's
state, so the module path `pulumi_twilio_flex._provider.FlexFlowProvider` is fixed, importing this module has
no side effects, and the instance pickles to nothing: credentials arrive through `configure` or the
environment in the provider process, and the HTTP client is built there, lazily, one per process and
credentials, shared by the worker threads (`_session`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    ResourceProvider,
    UpdateResult,
)

from ._account_snapshot import fetch_flow
from ._adoption import adopt_or_create
from ._config import ConfigGetter, ConnectionSettings, resolve_settings
from ._diff import changed_properties
from ._errors import ConfigurationError, FlexFlowNotFoundError, TransportError
from ._validation import validate
from ._values import normalize
from ._wire import DECLARED, outputs_from, read_inputs, update_params

if TYPE_CHECKING:
    from ._client import FlexFlowsClient

PROVIDER_KEY = "__provider"
ClientFactory = Callable[[ConnectionSettings], "FlexFlowsClient"]


class FlexFlowProvider(ResourceProvider):
    """Creates, reads, updates and deletes Twilio Flex Flows for the `FlexFlow` resource."""

    # The pickle holds a module path and a class name, nothing secret: store it in clear rather than encrypt it
    # into every resource's inputs and outputs. The SDK still makes it a secret if a secret were ever captured.
    serialize_as_secret_always = False

    def __init__(self) -> None:
        super().__init__()
        self._reset_runtime()

    # Pickling: nothing of the instance goes into state, whatever it holds at run time. It pickles as a bare
    # call of the class, with no state dict: the SDK's serialize_provider wraps pickle's dict writer once more on
    # every call (3.27x), so pickling a dict costs O(resources so far) and overflows the stack near 1,000 flows.
    def __reduce__(self) -> tuple[type[FlexFlowProvider], tuple[()]]:
        return (FlexFlowProvider, ())

    def __setstate__(self, _state: dict[str, Any]) -> None:
        """Unpickles providers stored before `__reduce__` (an empty state dict)."""
        self._reset_runtime()

    def _reset_runtime(self) -> None:
        self._config_get: ConfigGetter | None = None
        self._client_factory: ClientFactory | None = None  # None: the process's pooled client
        self._shared: FlexFlowsClient | None = None
        self._lock = threading.Lock()

    def configure(self, req: ConfigureRequest) -> None:
        """Remember where config comes from; credentials are resolved when the first request needs them."""
        self._config_get = req.config.get
        self._shared = None

    def use_client_factory(self, factory: ClientFactory) -> None:
        """Build clients with `factory` (tests inject an in-process transport this way)."""
        self._client_factory = factory
        self._shared = None

    def _client(self) -> FlexFlowsClient:
        with self._lock:
            if self._shared is None:
                factory = self._client_factory or _pooled_client_factory()
                self._shared = factory(resolve_settings(self._config_get))
            return self._shared

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate the new inputs, and the settings once configured, before anything is sent.

        Unknown values are not failures. Reasons never repeat input values: secrets arrive here unwrapped.
        """
        inputs = normalize(_without_provider(news))
        failures = [CheckFailure(prop, reason) for prop, reason in validate(inputs)]
        if self._config_get is not None:
            try:
                resolve_settings(self._config_get)
            except ConfigurationError as error:
                failures.append(CheckFailure(error.key, str(error)))
        return CheckResult(inputs, failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """Compare declared inputs with the last reported outputs; every field updates in place."""
        changes = changed_properties(_without_provider(olds), _without_provider(news))
        return DiffResult(changes=bool(changes), replaces=[], stables=[], delete_before_replace=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        """POST the flow exactly once (reconciled when an answer is lost), or adopt the one `adopt_sid` names.

        If this raises, no flow was created by this call.
        """
        flow = adopt_or_create(self._client(), _without_provider(props))
        sid = flow.get("sid") if isinstance(flow, dict) else None
        if not sid:
            raise TransportError("create", None, "Twilio answered without the SID of the new flow")
        return CreateResult(id_=sid, outs=outputs_from(flow, declared=props))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Fetch the flow as Twilio has it now; a 404 means it is gone.

        The inputs returned keep the shape the program declared, with Twilio's current values, so a later
        preview shows the drift and the program's edits and nothing else.
        """
        try:
            flow = fetch_flow(self._client(), id_)  # shares one listing with this process's other reads
        except FlexFlowNotFoundError:
            return ReadResult(id_="", outs={})
        outputs = outputs_from(flow)
        if DECLARED in props:
            outputs[DECLARED] = props[DECLARED]
        return ReadResult(id_=id_, outs=outputs, inputs=read_inputs(outputs))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Send the desired state (removed inputs back to their defaults) and return the full outputs."""
        flow = self._client().update(id_, update_params(_without_provider(olds), _without_provider(news)))
        return UpdateResult(outs=outputs_from(flow, declared=news))

    def delete(self, id_: str, _props: dict[str, Any]) -> None:
        """Delete the flow; one that is already gone counts as deleted."""
        try:
            self._client().delete(id_)
        except FlexFlowNotFoundError:
            return


def _pooled_client_factory() -> ClientFactory:
    # Imported on the first request: the program, and a provider that only checks and diffs (a preview),
    # never load the HTTP stack (requests, urllib3, tenacity).
    from ._session import pooled_client

    return pooled_client


def _without_provider(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k != PROVIDER_KEY}

"""The dynamic provider behind every resource of the package: Pulumi's CRUD contract mapped onto one Twilio
collection, as a `ResourceDescription` says.

Pulumi pickles the provider object (by reference: module path, class name) into every stack's state, so each
resource's subclass keeps its module path and name for good, importing these modules has no side effects, and the
instance pickles to nothing: credentials arrive through `configure` or the environment in the provider process,
and the HTTP client is built there, lazily, one per process, credentials and resource kind, shared by the worker
threads (`_session`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

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

from ._account_snapshot import fetch_resource
from ._adoption import adopt_or_create
from ._config import ConfigGetter, ConnectionSettings, resolve_settings
from ._description import ResourceDescription
from ._diff import changed_properties, replaced_properties
from ._errors import ConfigurationError, FlexFlowError, NotFoundError, TransportError
from ._server_errors import install_in_dynamic_server
from ._validation import validate
from ._values import normalize
from ._wire import DECLARED, outputs_from, read_inputs, update_params

if TYPE_CHECKING:
    from ._client import TwilioClient

PROVIDER_KEY = "__provider"
ClientFactory = Callable[[ConnectionSettings], "TwilioClient"]


class TwilioResourceProvider(ResourceProvider):
    """Creates, reads, updates and deletes one kind of Twilio resource, the one its `description` names.

    Each resource has a subclass in its folder that sets `description` (and `client_class`); the subclass's
    module path and name are what Pulumi pickles into state, so they never change once released.
    """

    description: ClassVar[ResourceDescription]

    # The pickle holds a module path and a class name, nothing secret: store it in clear rather than encrypt it
    # into every resource's inputs and outputs. The SDK still makes it a secret if a secret were ever captured.
    serialize_as_secret_always = False

    def __init__(self) -> None:
        super().__init__()
        self._reset_runtime()

    # Pickling: nothing of the instance goes into state, whatever it holds at run time. It pickles as a bare
    # call of the class, with no state dict: the SDK's serialize_provider wraps pickle's dict writer once more on
    # every call (3.27x), so pickling a dict costs O(resources so far) and overflows the stack near 1,000 flows.
    def __reduce__(self) -> tuple[type[TwilioResourceProvider], tuple[()]]:
        return (type(self), ())

    def __setstate__(self, _state: dict[str, Any]) -> None:
        """Unpickles providers stored before `__reduce__` (an empty state dict)."""
        self._reset_runtime()

    def _reset_runtime(self) -> None:
        self._config_get: ConfigGetter | None = None
        self._config_keys: tuple[str, ...] = ()  # every key of the stack's config, to refuse unknown twilio:* keys
        self._client_factory: ClientFactory | None = None  # None: the process's pooled client
        self._shared: TwilioClient | None = None
        self._lock = threading.Lock()

    def configure(self, req: ConfigureRequest) -> None:
        """Remember where config comes from; credentials are resolved when the first request needs them."""
        self._config_get = req.config.get
        self._config_keys = tuple(getattr(req.config, "_props", None) or ())
        self._shared = None
        install_in_dynamic_server()

    def use_client_factory(self, factory: ClientFactory) -> None:
        """Build clients with `factory` (tests inject an in-process transport this way)."""
        self._client_factory = factory
        self._shared = None

    def _client(self) -> TwilioClient:
        with self._lock:
            if self._shared is None:
                factory = self._client_factory or _pooled_client_factory(self.description)
                self._shared = factory(self._settings())
            return self._shared

    def _settings(self) -> ConnectionSettings:
        return resolve_settings(self._config_get, config_keys=self._config_keys, api=self.description.api)

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate the new inputs, and the settings once configured, before anything is sent.

        Unknown values are not failures. Reasons never repeat input values: secrets arrive here unwrapped.
        """
        inputs = normalize(_without_provider(news))
        failures = [CheckFailure(prop, reason) for prop, reason in validate(self.description, inputs)]
        if self._config_get is not None:
            try:
                self._settings()
            except ConfigurationError as error:
                failures.append(CheckFailure(error.key, str(error)))
        return CheckResult(inputs, failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """Compare declared inputs with the last reported outputs. A change of a field the update endpoint does
        not take replaces the resource, deleting first: Twilio keeps such identities unique (an address)."""
        olds, news = _without_provider(olds), _without_provider(news)
        changes = changed_properties(self.description, olds, news)
        replaces = replaced_properties(self.description, olds, news)
        return DiffResult(changes=bool(changes), replaces=replaces, stables=[], delete_before_replace=bool(replaces))

    def create(self, props: dict[str, Any]) -> CreateResult:
        """POST the resource exactly once (reconciled when an answer is lost), or adopt the one `adopt_sid` names.

        If this raises, no resource was created by this call.
        """
        found = adopt_or_create(self._client(), _without_provider(props))
        sid = found.get("sid") if isinstance(found, dict) else None
        if not sid:
            title = self.description.title
            raise TransportError("create", None, f"Twilio answered without the SID of the new {title}", title=title)
        return CreateResult(id_=sid, outs=outputs_from(self.description, found, declared=props))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Fetch the resource as Twilio has it now; a 404 means it is gone.

        The inputs returned keep the shape the program declared, with Twilio's current values, so a later
        preview shows the drift and the program's edits and nothing else.
        """
        if "sid" not in props:  # no state: `.get`, which must name a resource that exists
            return self._read_for_get(id_)
        try:
            found = fetch_resource(self._client(), id_)
        except NotFoundError:
            return ReadResult(id_="", outs={})
        outputs = outputs_from(self.description, found)
        if DECLARED in props:
            outputs[DECLARED] = props[DECLARED]
        return ReadResult(id_=id_, outs=outputs, inputs=read_inputs(self.description, outputs))

    def _read_for_get(self, id_: str) -> ReadResult:
        """The resource `.get` names; one that is malformed or missing fails, instead of vanishing silently."""
        description = self.description
        if not description.is_sid(id_):
            raise FlexFlowError(
                f"{description.type_name}.get: the ID {id_[:64]!r} is not a {description.title} SID "
                f"({description.sid_prefix} followed by 32 hex digits); nothing was sent to Twilio"
            )
        try:
            found = fetch_resource(self._client(), id_)
        except NotFoundError as error:
            where = f"check the ID given to {description.type_name}.get"
            message = f"no {description.title} with this SID in the account; {where}"
            raise error.restated("get", message) from None
        return ReadResult(id_=id_, outs=outputs_from(description, found))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Send the desired state (removed inputs back to their defaults) and return the full outputs."""
        params = update_params(self.description, _without_provider(olds), _without_provider(news))
        updated = self._client().update(id_, params)
        return UpdateResult(outs=outputs_from(self.description, updated, declared=news))

    def delete(self, id_: str, _props: dict[str, Any]) -> None:
        """Delete the resource; one that is already gone counts as deleted."""
        try:
            self._client().delete(id_)
        except NotFoundError:
            return


def _pooled_client_factory(description: ResourceDescription) -> ClientFactory:
    # Imported on the first request: the program, and a provider that only checks and diffs (a preview),
    # never load the HTTP stack (requests, urllib3, tenacity).
    from ._session import pooled_client

    return lambda settings: pooled_client(settings, description)


def _without_provider(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k != PROVIDER_KEY}

"""Adoption: `create` takes over an existing flow named by `adopt_sid` instead of POSTing a new one.

Pulumi's `import` cannot do this for dynamic resources (the engine reads without the serialized provider,
pulumi/pulumi#16175), so adoption goes through `create`: fetch the flow, bring it to the declared inputs with
one update only if they differ, and hand its SID to the engine. From then on the flow is managed like any
other; `adopt_sid` is never sent to Twilio and the diff ignores it (a changed `adopt_sid` adopts nothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._diff import changed_properties
from ._errors import NotFoundError
from ._wire import ADOPT_SID, create_params, outputs_from, update_params

if TYPE_CHECKING:  # types only: the program imports this module, and must not load the HTTP stack
    from ._client import FlowJson, TwilioClient


def adopt_or_create(client: TwilioClient, inputs: Mapping[str, Any]) -> FlowJson:
    """The resource this `create` stands for: the adopted one when `adopt_sid` is set, else a new one."""
    sid = inputs.get(ADOPT_SID)
    if not sid:
        return client.create(create_params(client.description, inputs))
    return adopt(client, str(sid), inputs)


def adopt(client: TwilioClient, sid: str, inputs: Mapping[str, Any]) -> FlowJson:
    """Fetch resource `sid` and update it to `inputs` if (and only if) the diff would show a change.

    A SID that does not exist, or belongs to another account (Twilio answers 404 for both), fails with
    the SID named; nothing is created.
    """
    description = client.description
    try:
        found = client.fetch(sid)
    except NotFoundError as exc:
        raise exc.restated(
            "adopt",
            f"no {description.title} with this SID in the account (check adopt_sid); nothing was created. "
            f"Twilio said: {exc.message}",
        ) from exc
    reported = outputs_from(description, found)
    if not changed_properties(description, reported, inputs):
        return found
    return client.update(str(found.get("sid") or sid), update_params(description, reported, inputs))

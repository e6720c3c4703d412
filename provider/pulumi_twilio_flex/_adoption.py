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
from ._errors import FlexFlowNotFoundError
from ._schema import ADOPT_SID
from ._wire import create_params, outputs_from, update_params

if TYPE_CHECKING:  # types only: the program imports this module, and must not load the HTTP stack
    from ._client import FlexFlowsClient, FlowJson


def adopt_or_create(client: FlexFlowsClient, inputs: Mapping[str, Any]) -> FlowJson:
    """The flow this `create` stands for: the adopted one when `adopt_sid` is set, else a new one."""
    sid = inputs.get(ADOPT_SID)
    if not sid:
        return client.create(create_params(inputs))
    return adopt(client, str(sid), inputs)


def adopt(client: FlexFlowsClient, sid: str, inputs: Mapping[str, Any]) -> FlowJson:
    """Fetch flow `sid` and update it to `inputs` if (and only if) the diff would show a change.

    A SID that does not exist, or belongs to another account (Twilio answers 404 for both), fails with
    the SID named; nothing is created.
    """
    try:
        flow = client.fetch(sid)
    except FlexFlowNotFoundError as exc:
        raise FlexFlowNotFoundError(
            "adopt",
            sid,
            exc.status,
            exc.code,
            f"no Flex Flow with this SID in the account (check adopt_sid); nothing was created. "
            f"Twilio said: {exc.message}",
            exc.more_info,
        ) from exc
    reported = outputs_from(flow)
    if not changed_properties(reported, inputs):
        return flow
    return client.update(sid, update_params(reported, inputs))

"""What every resource class of the package does with its arguments before registering, whatever the resource.

The classes themselves (`FlexFlow`, `AddressConfiguration`) only spell out their typed arguments and outputs,
as Pulumi resources do; this module turns those arguments into the properties the provider receives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from typing import Any, ClassVar

import pulumi
from pulumi.dynamic import Resource, ResourceProvider

from ._declarations import checked_get_id, claim_adoption
from ._description import ResourceDescription

RESOURCE_MODULE = "twilio-flex"  # with the class name, the type token pulumi-python:dynamic/twilio-flex:<Class>
ADOPT_SID = "adopt_sid"


class TwilioResource(Resource):
    """Base of the package's resources: the outputs every Twilio resource has, and how arguments are registered.

    A subclass sets `description` and spells out its own typed arguments and outputs, as Pulumi resources do.
    """

    description: ClassVar[ResourceDescription]

    sid: pulumi.Output[str]
    url: pulumi.Output[str]
    account_sid: pulumi.Output[str]
    date_created: pulumi.Output[str]
    date_updated: pulumi.Output[str]

    def __init__(
        self,
        provider: ResourceProvider,
        resource_name: str,
        args: Any,
        opts: pulumi.ResourceOptions | None,
        arguments: Mapping[str, Any],
    ) -> None:
        """Register with `args`, or else with the keyword `arguments` (the `locals()` of the subclass's __init__)."""
        description = self.description
        keywords = {name: arguments.get(name) for name in (*description.input_names, ADOPT_SID)}
        super().__init__(provider, resource_name, resource_props(description, resource_name, args, keywords), opts)
        self.sid = self.id  # equal to the SID, and known in the preview of an in-place update


def resource_props(
    description: ResourceDescription, resource_name: str, args: Any, keywords: Mapping[str, Any]
) -> dict[str, Any]:
    """The properties to register: the declared inputs, plus every output seeded (`None`) so it is an attribute.

    `sid` is not seeded: the resource class sets it to its ID (they are equal). In the preview of an in-place
    update the engine keeps the ID known, while the Python dynamic server leaves every output it cannot copy from
    the inputs unknown (it drops `stables`), so a consumer of `sid` previews unchanged.
    """
    if args is not None:
        given = sorted(k for k, v in keywords.items() if v is not None)
        if given:
            raise TypeError(
                f"{description.type_name} {resource_name!r}: pass either args or keywords, not both ({given})"
            )
        keywords = {k: getattr(args, k) for k in keywords}
    props: dict[str, Any] = {name: None for name in description.output_names if name != "sid"}
    props.update({k: v for k, v in keywords.items() if v is not None})
    group = description.group
    if group is not None and props.get(group.name) is not None:
        props[group.name] = _group_input(props[group.name])
    if props.get(ADOPT_SID) is not None:
        props[ADOPT_SID] = claim_adoption(description, resource_name, props[ADOPT_SID])
    return props


def get_options(
    description: ResourceDescription, resource_name: str, sid: pulumi.Input[str], opts: pulumi.ResourceOptions | None
) -> pulumi.ResourceOptions:
    """The options of `.get`: read the resource with this SID, checked to have the shape of one."""
    checked = checked_get_id(description, resource_name, sid)
    return pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=checked))


def _group_input(value: Any) -> Any:
    """A group (`integration`) as the SDK can send it: a dict, also when an Output resolves to its typed args."""
    if isinstance(value, pulumi.Output):
        return value.apply(_plain_group)
    return _plain_group(value)


def _plain_group(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        # The set fields as they are: `dataclasses.asdict` would deep-copy Outputs, which cannot be copied.
        return {f.name: getattr(value, f.name) for f in fields(value) if getattr(value, f.name) is not None}
    return value

"""Which declared inputs differ from what Twilio reports, and which removed inputs must be reset.

Only declared inputs count: server-set fields, values the API fills in by default and the serialized
provider never make a difference. A removed input counts only when the API reports something other than its
documented default; that is the value `update` sends back.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ._description import Field, ResourceDescription
from ._values import is_unknown, normalize


def changed_properties(description: ResourceDescription, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
    """Property paths (`friendly_name`, `integration.retry_count`) whose desired value differs from `olds`.

    `olds` are the outputs Twilio last reported, `news` the checked inputs.
    """
    governed = _governed(description, olds, news)
    changes = [path for field, path, old, declared in governed if _differs(field, old, declared)]
    group = description.group
    if group is not None and is_unknown(news.get(group.name)):
        changes.append(group.name)
    return changes


def replaced_properties(
    description: ResourceDescription, olds: Mapping[str, Any], news: Mapping[str, Any]
) -> list[str]:
    """The changed properties the update endpoint does not take: changing one replaces the resource."""
    create_only = {f.name for f in description.create_only}
    return [path for path in changed_properties(description, olds, news) if path in create_only]


def removed_inputs(
    description: ResourceDescription, olds: Mapping[str, Any], news: Mapping[str, Any]
) -> list[tuple[Field, str]]:
    """(field, path) of each input that is no longer declared while the API reports a non-default value."""
    return [
        (field, path)
        for field, path, old, declared in _governed(description, olds, news)
        if field.name not in declared and _needs_reset(field, old)
    ]


def _governed(
    description: ResourceDescription, olds: Mapping[str, Any], news: Mapping[str, Any]
) -> Iterator[tuple[Field, str, Any, Mapping[str, Any]]]:
    """Each field the desired state governs: (field, path, reported value, the mapping that would declare it).

    A group's fields are those of the desired variant; none while the group or its variant is unknown.
    """
    olds = normalize(dict(olds))
    for field in description.fields:
        yield field, field.name, olds.get(field.name), news
    group = description.group
    if group is None:
        return
    new_group = news.get(group.name) or {}
    variant = group.variant_of(news)
    if is_unknown(new_group) or is_unknown(variant):
        return
    if not isinstance(variant, str) or variant not in group.variants:
        variant = group.default_variant
    old_group = olds.get(group.name) or {}
    for field in group.fields_for(variant):
        yield field, f"{group.name}.{field.name}", old_group.get(field.name), new_group


def _differs(field: Field, old: Any, declared: Mapping[str, Any]) -> bool:
    if field.name not in declared:
        return _needs_reset(field, old)
    new = declared[field.name]
    if is_unknown(new) or (isinstance(new, list) and any(is_unknown(item) for item in new)):
        return True
    return field.canonical(normalize(new)) != field.canonical(old)


def _needs_reset(field: Field, old: Any) -> bool:
    if not field.resettable or old is None:
        return False
    return field.canonical(old) not in (field.canonical(field.default), field.canonical(field.reset_value))

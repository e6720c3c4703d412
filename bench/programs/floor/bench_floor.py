"""A trivial dynamic resource in an importable module (pickled by reference, like FlexFlow's provider).

It keeps its inputs as its outputs and calls nothing: what is left is the engine's and the SDK's own cost.
"""

import uuid
from typing import Any

from pulumi.dynamic import CreateResult, ReadResult, Resource, ResourceProvider, UpdateResult


class FloorProvider(ResourceProvider):
    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult(id_=uuid.uuid4().hex, outs=props)

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        return ReadResult(id_=id_, outs=props)

    def update(self, _id: str, _olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(outs=news)


class Floor(Resource, module="bench", name="Floor"):
    def __init__(self, name: str, **props: Any) -> None:
        super().__init__(FloorProvider(), name, props)

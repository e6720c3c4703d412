"""flex-flows-recover: pending creates of a killed `pulumi up` matched with the flows of the account."""

from __future__ import annotations

import copy

from scripted_faults import scripted_client

from pulumi_twilio_flex._recover import FLEX_FLOW_TYPE, apply_plan, describe_plan, plan_recovery

PROVIDER = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": "v1:abc"}
IS = "IS" + "a" * 32


def inputs(name: str, **extra):
    return {
        "__provider": PROVIDER,
        "friendly_name": name,
        "chat_service_sid": IS,
        "channel_type": "web",
        "integration": {"flow_sid": "FW" + "b" * 32},
        **extra,
    }


def form(name: str) -> dict[str, str]:
    return {"FriendlyName": name, "ChatServiceSid": IS, "ChannelType": "web", "Integration.FlowSid": "FW" + "b" * 32}


def urn(name: str) -> str:
    return f"urn:pulumi:test::p::{FLEX_FLOW_TYPE}::{name}"


def pending(name: str, **extra):
    resource = {"urn": urn(name), "custom": True, "type": FLEX_FLOW_TYPE, "inputs": inputs(name, **extra)}
    return {"resource": resource, "type": "creating"}


def test_a_pending_create_adopts_its_flow_drops_when_none_and_leaves_the_rest():
    client, _, _ = scripted_client()
    known = client.create(form("known"))
    orphan = client.create(form("made"))
    client.create({**form("made"), "ChannelType": "sms"})  # same name, other inputs: not this create's
    deployment = {
        "resources": [{"urn": urn("known"), "type": FLEX_FLOW_TYPE, "id": known["sid"], "inputs": inputs("known")}],
        "pending_operations": [pending("made"), pending("never"), {"resource": {"urn": "x"}, "type": "updating"}],
    }
    plan = plan_recovery(deployment, client)
    assert {u: f["sid"] for u, f in plan.adopt.items()} == {urn("made"): orphan["sid"]}
    assert plan.drop == [urn("never")] and plan.ambiguous == {} and plan.orphans == {}
    assert describe_plan(plan)[0].startswith(f"adopt {orphan['sid']} for {urn('made')}")

    applied = apply_plan(copy.deepcopy(deployment), plan)
    assert applied["pending_operations"] == [{"resource": {"urn": "x"}, "type": "updating"}]
    adopted = applied["resources"][-1]
    assert (adopted["urn"], adopted["id"]) == (urn("made"), orphan["sid"])
    assert adopted["outputs"]["sid"] == orphan["sid"] and adopted["outputs"]["__provider"] == PROVIDER
    assert adopted["outputs"]["integration"] == {"flow_sid": "FW" + "b" * 32, "retry_count": 3}


def test_more_candidates_than_pending_creates_changes_nothing_and_names_them():
    client, _, _ = scripted_client()
    sids = sorted(client.create(form("twice"))["sid"] for _ in range(2))
    deployment = {"resources": [], "pending_operations": [pending("twice")]}
    plan = plan_recovery(deployment, client)
    assert plan.ambiguous == {urn("twice"): sids} and not plan.adopt and not plan.drop
    assert sids[0] in describe_plan(plan)[0] and sids[1] in describe_plan(plan)[0]


def test_identical_pending_creates_share_out_identical_flows():
    client, _, _ = scripted_client()
    made = {client.create(form("same"))["sid"] for _ in range(2)}
    first, second = pending("same"), pending("same")
    second["resource"]["urn"] = urn("same-2")
    plan = plan_recovery({"resources": [], "pending_operations": [first, second]}, client)
    assert {f["sid"] for f in plan.adopt.values()} == made and set(plan.adopt) == {urn("same"), urn("same-2")}


def test_a_flow_repeating_a_known_resource_is_reported_as_an_orphan():
    client, _, _ = scripted_client()
    known, repeat = client.create(form("dup"))["sid"], client.create(form("dup"))["sid"]
    deployment = {"resources": [{"urn": urn("dup"), "type": FLEX_FLOW_TYPE, "id": known, "inputs": inputs("dup")}]}
    plan = plan_recovery(deployment, client)
    assert plan.orphans == {urn("dup"): [repeat]} and not plan.adopt
    assert describe_plan(plan) == [
        f"orphans repeating {urn('dup')}: {repeat} (not in the stack; delete them if no other stack manages them)"
    ]


def test_secret_inputs_exported_with_show_secrets_are_compared_in_clear():
    client, _, _ = scripted_client()
    sid = client.create({**form("secret"), "ContactIdentity": "+15550100"})["sid"]
    secret = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "plaintext": '"+15550100"'}
    plan = plan_recovery({"pending_operations": [pending("secret", contact_identity=secret)]}, client)
    assert [f["sid"] for f in plan.adopt.values()] == [sid]


def test_a_pending_create_the_stack_has_since_made_again_is_stale_and_its_first_flow_an_orphan():
    client, _, _ = scripted_client()
    first, again = client.create(form("redo"))["sid"], client.create(form("redo"))["sid"]
    resource = {"urn": urn("redo"), "type": FLEX_FLOW_TYPE, "id": again, "inputs": inputs("redo")}
    deployment = {"resources": [resource], "pending_operations": [pending("redo")]}
    plan = plan_recovery(deployment, client)
    assert plan.stale == [urn("redo")] and plan.orphans == {urn("redo"): [first]} and not plan.adopt
    assert apply_plan(copy.deepcopy(deployment), plan)["pending_operations"] == []

"""Listing: the meta envelope, the FriendlyName filter and paging by next_page_url."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from emulator_support import Api


def test_empty_list_envelope(api: Api) -> None:
    response = api.request("GET", "/v1/FlexFlows")
    assert response.status_code == 200
    assert response.json() == {
        "flex_flows": [],
        "meta": {
            "page": 0,
            "page_size": 50,
            "first_page_url": f"{api.base}/v1/FlexFlows?PageSize=50&Page=0",
            "previous_page_url": None,
            "url": f"{api.base}/v1/FlexFlows?PageSize=50&Page=0",
            "next_page_url": None,
            "key": "flex_flows",
        },
    }


def test_filter_and_follow_next_page_url(api: Api) -> None:
    wanted = [api.create(FriendlyName="queue").json()["sid"] for _ in range(5)]
    api.create(FriendlyName="other")
    api.create(FriendlyName="queue-2")

    seen: list[str] = []
    pages: list[dict] = []
    url: str | None = "/v1/FlexFlows?FriendlyName=queue&PageSize=2"
    while url:
        response = api.request("GET", url)
        assert response.status_code == 200
        body = response.json()
        pages.append(body["meta"])
        seen.extend(flow["sid"] for flow in body["flex_flows"])
        assert all(flow["friendly_name"] == "queue" for flow in body["flex_flows"])
        url = body["meta"]["next_page_url"]

    assert seen == wanted  # creation order, nothing lost or repeated
    assert [meta["page"] for meta in pages] == [0, 1, 2]
    assert pages[-1]["next_page_url"] is None
    assert pages[0]["previous_page_url"] is None and pages[1]["previous_page_url"] is not None
    query = parse_qs(urlsplit(pages[0]["next_page_url"]).query)
    assert set(query) == {"FriendlyName", "PageSize", "Page", "PageToken"}
    assert query["FriendlyName"] == ["queue"] and query["PageSize"] == ["2"] and query["Page"] == ["1"]
    assert pages[0]["next_page_url"].startswith(f"{api.base}/v1/FlexFlows?")


def test_previous_page_url_goes_back(api: Api) -> None:
    sids = [api.create(FriendlyName=f"f{i}").json()["sid"] for i in range(4)]
    second = api.request("GET", "/v1/FlexFlows?PageSize=2&Page=1").json()
    assert [f["sid"] for f in second["flex_flows"]] == sids[2:]
    first = api.request("GET", second["meta"]["previous_page_url"]).json()
    assert [f["sid"] for f in first["flex_flows"]] == sids[:2]


def test_paging_survives_deletion(api: Api) -> None:
    sids = [api.create().json()["sid"] for _ in range(4)]
    first = api.request("GET", "/v1/FlexFlows?PageSize=2").json()
    api.request("DELETE", f"/v1/FlexFlows/{sids[1]}")
    second = api.request("GET", first["meta"]["next_page_url"]).json()
    assert [f["sid"] for f in second["flex_flows"]] == sids[2:]


@pytest.mark.parametrize("size", ["0", "-5", "ten", "1.5"])
def test_page_size_out_of_range(api: Api, size: str) -> None:
    response = api.request("GET", f"/v1/FlexFlows?PageSize={size}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == 20001
    assert body["message"].startswith("Invalid parameter PageSize: ")
    assert size in body["message"]


def test_page_size_bounds_accepted(api: Api) -> None:
    api.create()
    for size in ("1", "1000"):
        assert api.request("GET", f"/v1/FlexFlows?PageSize={size}").json()["meta"]["page_size"] == int(size)


@pytest.mark.parametrize("size", ["1001", "01001", "+5000", "1" + "0" * 400])
def test_page_size_too_large_is_20007(api: Api, size: str) -> None:
    response = api.request("GET", "/v1/FlexFlows", params={"PageSize": size})
    assert response.status_code == 400
    assert response.json() == {
        "code": 20007,
        "message": "Page size too large: PageSize must be at most 1000",
        "more_info": "https://www.twilio.com/docs/errors/20007",
        "status": 400,
    }


@pytest.mark.parametrize("token", ["garbage", "PA", "PAx1", "PB-1", "PA" + "9" * 5000, "PA٣"])
def test_bad_page_token_is_21481(api: Api, token: str) -> None:
    response = api.request("GET", "/v1/FlexFlows", params={"PageToken": token})
    assert response.status_code == 400
    assert response.json() == {
        "code": 21481,
        "message": "Invalid PageToken",
        "more_info": "https://www.twilio.com/docs/errors/21481",
        "status": 400,
    }

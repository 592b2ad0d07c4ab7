"""Each platform's message, signature, size limit and answer: the pure functions."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import parse_qs, urlsplit

import pytest

from service.chat import payload
from service.chat.payload import DINGTALK, FEISHU, WECOM, Notice

MORE = "……（内容较长，详见邮件）"
NOTICE = Notice("纪要：质量评审会", "**纪要**\n\n- 决定：B2609批次暂停使用", ("13800000000",))


def test_wecom_is_markdown_content():
    body = payload.build(WECOM, NOTICE, more=MORE)
    assert body == {"msgtype": "markdown", "markdown": {"content": NOTICE.text}}


def test_dingtalk_is_markdown_with_title_and_mentions():
    body = payload.build(DINGTALK, NOTICE, more=MORE)
    assert body["msgtype"] == "markdown"
    assert body["markdown"] == {"title": NOTICE.title, "text": NOTICE.text}
    assert body["at"] == {"atMobiles": ["13800000000"], "isAtAll": False}


def test_feishu_is_a_post_in_the_groups_language_without_markup():
    body = payload.build(FEISHU, NOTICE, lang="en", more=MORE)
    post = body["content"]["post"]
    assert body["msg_type"] == "post" and list(post) == ["en_us"]
    assert post["en_us"]["title"] == NOTICE.title
    texts = [row[0]["text"] for row in post["en_us"]["content"]]
    assert texts == ["纪要", "", "- 决定：B2609批次暂停使用"]


@pytest.mark.parametrize("kind", payload.KINDS)
def test_keyword_is_put_in_when_missing_and_not_twice(kind):
    body = payload.build(kind, NOTICE, keyword="会议通知", more=MORE)
    assert str(body).count("会议通知") >= 1
    again = payload.build(kind, Notice("会议通知", "会议通知：明天"), keyword="会议通知", more=MORE)
    text = again.get("markdown", {}).get("content") or again.get("markdown", {}).get("text")
    if text is not None:
        assert text == "会议通知：明天"


@pytest.mark.parametrize("kind", payload.KINDS)
def test_a_long_text_is_cut_on_a_line_with_the_mail_note(kind):
    text = "\n".join(f"- 任务{i}：提交8D报告，负责人陈工，截止10月12日" for i in range(2000))
    body = payload.build(kind, Notice("纪要", text), more=MORE)
    if kind == FEISHU:
        rows = body["content"]["post"]["zh_cn"]["content"]
        shown = "\n".join(row[0]["text"] for row in rows)
    else:
        shown = body["markdown"].get("content") or body["markdown"]["text"]
    assert len(shown.encode()) <= payload.TEXT_LIMIT_BYTES[kind]
    assert shown.endswith(MORE)
    assert all(line.startswith("- 任务") for line in shown.splitlines()[:-1])


def test_one_huge_line_is_cut_on_a_character():
    cut = payload.fit("长" * 5000, 4096, MORE)
    assert len(cut.encode()) <= 4096 and cut.endswith(MORE) and cut.startswith("长")


def test_dingtalk_sign_is_hmac_of_timestamp_and_secret_keyed_by_the_secret():
    secret, ts = "SEC0123456789abcdef", 1_700_000_000_000
    url, body = payload.signed(
        DINGTALK,
        "https://oapi.dingtalk.com/robot/send?access_token=abc",
        {"x": 1},
        secret,
        ts / 1000,
    )
    query = parse_qs(urlsplit(url).query)
    expected = base64.b64encode(
        hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    assert query == {"access_token": ["abc"], "timestamp": [str(ts)], "sign": [expected]}
    assert "%2B" in url or "%2F" in url or "%3D" in url  # the sign is URL-encoded
    assert body == {"x": 1}


def test_feishu_sign_is_hmac_keyed_by_timestamp_and_secret_over_nothing():
    secret, ts = "feishu-secret", 1_700_000_000
    url, body = payload.signed(
        FEISHU, "https://open.feishu.cn/open-apis/bot/v2/hook/t", {}, secret, ts
    )
    expected = base64.b64encode(
        hmac.new(f"{ts}\n{secret}".encode(), b"", hashlib.sha256).digest()
    ).decode()
    assert url.endswith("/hook/t")
    assert body == {"timestamp": str(ts), "sign": expected}


def test_without_a_secret_nothing_is_added():
    assert payload.signed(DINGTALK, "u", {"a": 1}, "", 1.0) == ("u", {"a": 1})


@pytest.mark.parametrize(
    ("kind", "url", "ok"),
    [
        (WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6", True),
        (WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", False),
        (DINGTALK, "https://oapi.dingtalk.com/robot/send?access_token=ab12", True),
        (DINGTALK, "http://oapi.dingtalk.com/robot/send?access_token=ab12", False),
        (FEISHU, "https://open.feishu.cn/open-apis/bot/v2/hook/2c4b-aa", True),
        (FEISHU, "https://open.feishu.cn/open-apis/bot/v2/hook/", False),
        (FEISHU, "https://oapi.dingtalk.com/robot/send?access_token=ab12", False),
        (WECOM, "http://127.0.0.1:8080/cgi-bin/webhook/send?key=k", True),
    ],
)
def test_webhook_shape(kind, url, ok):
    assert (payload.webhook_problem(kind, url) == "") is ok


def test_masked_webhook_hides_the_token():
    shown = payload.masked_webhook(
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx"
    )
    assert "693a91f6-7xxx" not in shown and shown.startswith("https://qyapi.weixin.qq.com/")
    feishu = payload.masked_webhook("https://open.feishu.cn/open-apis/bot/v2/hook/2c4b-aaaa-bbbb")
    assert "2c4b-aaaa-bbbb" not in feishu


@pytest.mark.parametrize(
    ("kind", "status", "body", "ok", "retry"),
    [
        (WECOM, 200, {"errcode": 0, "errmsg": "ok"}, True, False),
        (WECOM, 200, {"errcode": 45009, "errmsg": "api freq out of limit"}, False, True),
        (WECOM, 200, {"errcode": 93000, "errmsg": "invalid webhook url"}, False, False),
        (DINGTALK, 200, {"errcode": 310000, "errmsg": "sign not match"}, False, False),
        (DINGTALK, 200, {"errcode": 130101, "errmsg": "send too fast"}, False, True),
        (FEISHU, 200, {"code": 0, "msg": "success", "data": {}}, True, False),
        (FEISHU, 200, {"StatusCode": 0, "StatusMessage": "success"}, True, False),
        (FEISHU, 200, {"code": 19021, "msg": "sign match fail"}, False, False),
        (FEISHU, 200, {"code": 11232, "msg": "frequency limited"}, False, True),
        (FEISHU, 502, None, False, True),
        (DINGTALK, 429, None, False, True),
        (WECOM, 404, None, False, False),
    ],
)
def test_answers_are_read_from_the_json_body(kind, status, body, ok, retry):
    answer = payload.read_answer(kind, status, body)
    assert (answer.ok, answer.retry) == (ok, retry)

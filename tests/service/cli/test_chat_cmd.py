"""`meetloop chat add|list|remove|test` as an admin runs it, against the local platforms."""

from __future__ import annotations

import json

import pytest

from tests.support.chat_platforms import Platforms, Robot, running
from tests.support.command import run, write_config

DING_SECRET = "SECa1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0"


@pytest.fixture
def admin(tmp_path):
    config = write_config(tmp_path)
    assert run("init", config=config, cwd=tmp_path).returncode == 0
    assert (
        run(
            "company", "add", "甲方", "--domain", "jia.example.cn", config=config, cwd=tmp_path
        ).returncode
        == 0
    )

    def meetloop(*args: str):
        return run(*args, config=config, cwd=tmp_path)

    return meetloop


@pytest.fixture
def platforms():
    served = Platforms(
        robots=[Robot("dingtalk", "dt-cli-0001", secret=DING_SECRET, keyword="项目群")]
    )
    with running(served) as p:
        yield p


def test_add_list_test_remove_without_showing_the_secret(admin, platforms, tmp_path):
    secret_file = tmp_path / "ding.secret"
    secret_file.write_text(DING_SECRET + "\n", encoding="utf-8")
    url = platforms.url(platforms.robots[0])
    added = admin(
        "chat", "add", "甲方群", "--kind", "dingtalk", "--webhook", url,
        "--secret-file", str(secret_file), "--keyword", "项目群", "--company", "甲方",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "甲方群" in added.stdout

    listed = admin("chat", "list", "--json")
    assert listed.returncode == 0
    (robot,) = json.loads(listed.stdout)
    assert robot | {"webhook": ""} == {
        "name": "甲方群",
        "kind": "dingtalk",
        "webhook": "",
        "signed": True,
        "keyword": "项目群",
        "language": "zh",
        "scope": "company 甲方",
    }
    table = admin("chat", "list")
    tested = admin("chat", "test", "甲方群")
    assert tested.returncode == 0, tested.stderr
    assert "errcode" not in tested.stdout and "HTTP 200: 0 ok" in tested.stdout
    (arrived,) = platforms.received
    assert "项目群" in arrived["body"]["markdown"]["text"]
    for shown in (added, listed, table, tested):
        assert DING_SECRET not in shown.stdout + shown.stderr
        assert "dt-cli-0001" not in shown.stdout + shown.stderr

    removed = admin("chat", "remove", "甲方群")
    assert removed.returncode == 0
    assert json.loads(admin("chat", "list", "--json").stdout) == []


def test_test_prints_the_platforms_refusal(admin, platforms):
    url = platforms.url(platforms.robots[0])
    admin(
        "chat",
        "add",
        "错签",
        "--kind",
        "dingtalk",
        "--webhook",
        url,
        "--secret",
        "SECwrong",
        "--keyword",
        "项目群",
        "--all",
    )
    tested = admin("chat", "test", "错签")
    assert tested.returncode == 1
    assert "310000 sign not match" in tested.stderr
    assert "SECwrong" not in tested.stdout + tested.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--kind", "wecom", "--webhook", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", "--all"], "key="),
        (["--kind", "dingtalk", "--webhook", "https://oapi.dingtalk.com/robot/send?access_token=x", "--company", "丁方"], "no company named"),
        (["--kind", "dingtalk", "--webhook", "https://oapi.dingtalk.com/robot/send?access_token=x", "--meeting", "M-0404"], "no meeting M-0404"),
        (["--kind", "wecom", "--webhook", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "--secret", "s", "--all"], "has no secret"),
        (["--kind", "feishu", "--webhook", "https://open.feishu.cn/open-apis/bot/v2/hook/t", "--secret-file", "/nonexistent/f", "--all"], "does not exist"),
    ],
)  # fmt: skip
def test_a_bad_robot_is_refused_in_one_line(admin, args, says):
    refused = admin("chat", "add", "群", *args)
    assert refused.returncode == 2
    assert says in refused.stderr and "Traceback" not in refused.stderr
    assert json.loads(admin("chat", "list", "--json").stdout) == []


def test_unknown_robot_and_missing_scope(admin):
    gone = admin("chat", "remove", "无此群")
    assert gone.returncode == 2 and "no robot named" in gone.stderr
    no_scope = admin(
        "chat",
        "add",
        "群",
        "--kind",
        "wecom",
        "--webhook",
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
    )
    assert no_scope.returncode == 2 and "--company" in no_scope.stderr


def test_doctor_checks_each_robot_without_posting(admin, platforms, tmp_path):
    secret_file = tmp_path / "feishu.secret"
    secret_file.write_text("fs-secret\n", encoding="utf-8")
    feishu = "https://open.feishu.cn/open-apis/bot/v2/hook/2c4b-aaaa-bbbb"
    added = admin("chat", "add", "飞书群", "--kind", "feishu", "--webhook", feishu, "--secret-file", str(secret_file), "--all")
    assert added.returncode == 0, added.stderr
    healthy = json.loads(admin("doctor", "--json").stdout)
    assert next(c for c in healthy if c["name"] == "chat")["status"] == "OK"
    secret_file.unlink()
    broken = admin("doctor", "--json")
    assert broken.returncode == 1
    chat = next(c for c in json.loads(broken.stdout) if c["name"] == "chat")
    assert chat["status"] == "FAIL" and "飞书群" in chat["detail"] and "secret file" in chat["detail"]
    assert "fs-secret" not in broken.stdout and "2c4b-aaaa-bbbb" not in broken.stdout
    assert platforms.received == []

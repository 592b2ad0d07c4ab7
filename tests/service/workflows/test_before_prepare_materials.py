"""材料 on the preparation form: files attached to the form mail are the
meeting's material and go out with the T−3 agenda; a file the form names but
the mail does not carry is a mistake, not a silent "见附件" (issue 11, defect 4)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from service import meetings
from store.models import Meeting, StoredFile
from tests.support.before_meeting import make_directory
from tests.support.flow import Flow

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 9, 21, 2, 0, tzinfo=UTC)
FORM = """王总好，筹备表如下，材料见附件。

会议筹备表
会议主题：Q4销量预测对齐会
会议目标：确认Q4销量预测与备货计划
背景：三方已完成Q3复盘。
材料：forecast.xlsx、备货计划.pdf
参会公司及人员：
甲方 云启科技：王敏（主持人）、李静（记录人）、赵总
乙方 星河数据：陈总、林峰
形式：线上 https://meet.example.cn/j/8860
时长：60分钟
候选时间：
1. 2026-10-12 14:00

王敏
项目经理 | 云启科技
"""
XLSX = b"PK\x03\x04 forecast workbook"
PDF = b"%PDF-1.7 stock plan"


def test_form_attachments_are_the_material_sent_with_the_agenda(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        flow.send(
            flow.mail(
                d.host,
                flow.address,
                "会议筹备表：Q4销量预测对齐会",
                FORM,
                attachments=[
                    ("forecast.xlsx", "application/vnd.ms-excel", XLSX),
                    ("备货计划.pdf", "application/pdf", PDF),
                ],
            )
        )
        m = Meeting.get()
        assert "forecast.xlsx" not in m.background  # 材料 is its own field now
        assert {(f.filename, f.data) for f in StoredFile.select()} == {
            ("forecast.xlsx", XLSX),
            ("备货计划.pdf", PDF),
        }
        [created] = flow.outbox(to=d.host, kind="prep_created")
        assert "forecast.xlsx" in created.text and "备货计划.pdf" in created.text
        [poll] = flow.outbox(to=d.host, kind="poll")
        flow.reply_to(poll, d.host, "选1")
        m = meetings.get_meeting(m.ref)
        flow.tick(m.start_at - timedelta(days=3) + timedelta(minutes=1))
        [agenda] = flow.outbox(to=d.yi_pm, kind="agenda_t3")
        assert sorted(a[0] for a in agenda.attachments) == ["forecast.xlsx", "备货计划.pdf"]


def test_a_named_file_that_is_not_attached_is_a_mistake(cfg):
    with Flow(cfg, start=START) as flow:
        d = make_directory()
        flow.send(
            flow.mail(
                d.host,
                flow.address,
                "会议筹备表",
                FORM,
                attachments=[("forecast.xlsx", "application/vnd.ms-excel", XLSX)],
            )
        )
        assert Meeting.select().count() == 0
        [errors] = flow.outbox(to=d.host, kind="prep_errors")
        assert "备货计划.pdf" in errors.text and "附" in errors.text

#!/usr/bin/env python3
"""Build the blind batch-1 corpus (replies/*.eml, minutes/*.eml, labels.json) from tables.

Written without reading the project's parsers or tests, so the mails test the language
rather than the rules. Run: python3 make_batch.py (rewrites everything in this folder).
Each case is one row: who writes, with which client, what they newly typed, their
signature, what they quote, and what the parsers must read. Labels follow
../../../../shared/spec/parsing-contract.md; `body` is derived from the typed text unless
a case overrides it.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import re
from email import message_from_string
from email.charset import BASE64, QP, Charset
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SERVICE_ADDR = "assistant@meetloop.example.com"
SERVICE_ZH = "会议助手"
SERVICE_EN = "Meeting Assistant"


def tz(hours: float) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours))


def at(stamp: str, off: float = 8) -> dt.datetime:
    return dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(tzinfo=tz(off))


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- the service's own mails

ORIGINALS = {
    "inv_zh_a": dict(
        sent=at("2026-09-08 10:00"), lang="zh",
        subject="会议邀请：液冷板联合开发第5次协调会（9月16日 14:00）",
        body="""各位好：

「电池包液冷板联合开发」第5次协调会安排如下：

时间：2026年9月16日（周三）14:00-15:30
地点：苏州工业园区星湖街328号 恒岳汽车研发中心A3会议室；线上：腾讯会议 614-228-903
主持：恒岳汽车 项目部 周振华

议程：
1. 液冷板样件热测试结果
2. 二期模具开模计划
3. 供应商质量协议（SQA）条款

请回复：参加 / 不参加 / 待定；不能参加的可请同事代为出席，并告知其姓名和邮箱。如有需要加入议程的事项，请在回复中写明。

会议助手"""),
    "inv_en_a": dict(
        sent=at("2026-09-08 10:00"), lang="en",
        subject="Invitation: liquid-cooling plate project, coordination meeting #5 (16 Sep, 14:00 CST)",
        body="""Dear all,

The 5th coordination meeting of the joint liquid-cooling plate project is scheduled as follows:

Time: Wednesday 16 September 2026, 14:00-15:30 China Standard Time (08:00-09:30 CEST)
Place: Hengyue Automotive R&D Centre, Room A3, 328 Xinghu Street, Suzhou; online via Tencent Meeting 614-228-903
Chair: Zhou Zhenhua, Hengyue Automotive

Agenda:
1. Thermal test results of the plate samples
2. Tooling plan for phase 2
3. Supplier quality agreement (SQA)

Please reply: attend / decline / tentative. If you cannot attend you may send a colleague: please give their name and e-mail. Topics you want on the agenda are welcome in your reply.

Meeting Assistant"""),
    "inv_zh_b": dict(
        sent=at("2026-09-29 09:30"), lang="zh",
        subject="会议邀请：跨境冷链数据平台项目启动会（10月14日 10:00）",
        body="""各位好：

跨境冷链数据平台项目启动会定于：

时间：2026年10月14日（周三）10:00-12:00
地点：深圳市南山区科苑南路2666号 港深冷链 18楼大会议室；线上：飞书会议（链接见日历邀请）

议程：
1. 项目范围与里程碑
2. 各方接口人及沟通机制
3. 温控数据标准（传感器、上报频率）
4. 下阶段分工

请回复：参加 / 不参加 / 待定；不能参加的可请同事代为出席，并告知其姓名和邮箱。如有需要加入议程的事项，请在回复中写明。

会议助手"""),
    "inv_en_b": dict(
        sent=at("2026-09-29 09:30"), lang="en",
        subject="Invitation: Cross-border cold-chain data platform - kick-off (14 Oct, 10:00 CST)",
        body="""Dear partners,

The kick-off meeting of the cross-border cold-chain data platform will take place on:

Wednesday 14 October 2026, 10:00-12:00 China Standard Time (04:00-06:00 CEST)
Place: Gangshen Cold Chain, 18/F, 2666 Keyuan South Road, Shenzhen; online via Lark (link in the calendar invitation)

Agenda:
1. Scope and milestones
2. Contact persons and communication rules
3. Temperature data standard (sensors, reporting interval)
4. Next steps and split of work

Please reply: attend / decline / tentative. If you cannot attend, you may send a colleague (name and e-mail please). Agenda topics are welcome.

Meeting Assistant"""),
    "poll_zh3": dict(
        sent=at("2026-10-27 09:00"), lang="zh",
        subject="时间征询：液冷板二期模具评审会",
        body="""各位好：

液冷板二期模具评审会需要约1.5小时，请从以下时间中选择您可以参加的（可多选）：

1. 11月3日（周二）10:00-11:30
2. 11月4日（周三）14:00-15:30
3. 11月5日（周四）09:30-11:00

请直接回复选项编号，例如“1、3”；如都不行也请告知。

会议助手"""),
    "poll_zh5": dict(
        sent=at("2026-11-30 09:00"), lang="zh",
        subject="时间征询：冷链数据平台 第二次月度例会",
        body="""各位好：

第二次月度例会（约1小时）候选时间如下，请回复您可以参加的选项编号（可多选）：

1. 12月7日（周一）14:00
2. 12月8日（周二）14:00
3. 12月9日（周三）14:00
4. 12月10日（周四）14:00
5. 12月11日（周五）14:00

如都不行也请告知。

会议助手"""),
    "poll_zh4": dict(
        sent=at("2026-09-14 09:00"), lang="zh",
        subject="时间征询：SQA条款专题会",
        body="""各位好：

SQA条款专题会候选时间如下（每场约2小时），请回复可以参加的选项编号：

1. 9月22日（周二）上午
2. 9月23日（周三）下午
3. 9月24日（周四）上午
4. 9月28日（周一）下午

如都不行也请告知。

会议助手"""),
    "poll_en4": dict(
        sent=at("2026-10-27 09:00"), lang="en",
        subject="Scheduling poll: tooling review, liquid-cooling plate phase 2",
        body="""Dear all,

Please tell us which of these slots work for you (several answers possible). Times are China Standard Time.

1. Tue 3 Nov, 16:00-17:30
2. Wed 4 Nov, 16:00-17:30
3. Thu 5 Nov, 15:00-16:30
4. Fri 6 Nov, 16:00-17:30

Just reply with the numbers, e.g. "1, 3". If none works, please say so.

Meeting Assistant"""),
    "poll_en5": dict(
        sent=at("2026-12-10 09:00"), lang="en",
        subject="Scheduling poll: cold-chain platform, year-end review",
        body="""Dear partners,

Candidate slots for the year-end review (about 1 hour, times in CET):

1. Mon 21 Dec, 09:00
2. Tue 22 Dec, 09:00
3. Wed 23 Dec, 09:00
4. Thu 24 Dec, 09:00
5. Fri 25 Dec, 09:00

Reply with the numbers of the slots you can make, e.g. "1, 3". If none works, please say so.

Meeting Assistant"""),
    "min_zh_a": dict(
        sent=at("2026-09-16 17:30"), lang="zh",
        subject="请确认：液冷板联合开发第5次协调会纪要（9月16日）",
        body="""各位好：

9月16日协调会纪要如下，请在2个工作日内回复确认；如有异议，请指出条目。

1. 决议：二期模具由启辰热控负责开模，费用按6:4分摊（恒岳60%，启辰40%）。
2. 任务：启辰热控于9月25日前提交样件热仿真报告。
3. 任务：恒岳汽车质量部于本周五前发出SQA修订稿。
4. 疑问：KTT的德国实验室能否在10月底前完成振动测试，由Lukas Weber下周三前答复。

会议助手"""),
    "min_en_a": dict(
        sent=at("2026-09-16 17:30"), lang="en",
        subject="Please confirm: minutes of coordination meeting #5 (16 Sep)",
        body="""Dear all,

Below are the minutes of the meeting of 16 September. Please confirm within 2 business days, or tell us which item needs a correction.

1. Decision: Qichen Thermal builds the phase-2 tooling; cost split 60:40 (Hengyue 60%, Qichen 40%).
2. Task: Qichen Thermal to submit the thermal simulation report by 25 Sep.
3. Task: Hengyue quality department to send the revised SQA by this Friday.
4. Question: can the KTT lab in Stuttgart finish the vibration test before end of October? Lukas Weber to answer by next Wednesday.

Meeting Assistant"""),
    "min_zh_b": dict(
        sent=at("2026-10-14 16:10"), lang="zh",
        subject="请确认：跨境冷链数据平台启动会纪要（10月14日）",
        body="""各位好：

10月14日启动会纪要如下，请回复确认；如有异议请指出条目。

1. 决议：温度上报频率统一为每5分钟一次，异常时改为每30秒。
2. 任务：港深冷链于10月23日前提供接口文档初稿。
3. 任务：Lumière Logistique 于10月30日前提供法国段清关清单。
4. 疑问：西班牙段是否沿用现有的GPS设备，由Frigoríficos Ibéricos下周五前答复。

会议助手"""),
    "task_zh_1": dict(
        sent=at("2026-09-24 09:00"), lang="zh",
        subject="任务提醒：提交样件热仿真报告（截止9月25日）",
        body="""您好：

以下任务将于明天到期：

任务：提交液冷板样件热仿真报告
来源：9月16日协调会纪要 第2条
截止：2026年9月25日 18:00

请直接回复进度（例如“完成60%”）、完成情况（“已完成”并附交付物），或如需延期请说明新的日期。

会议助手"""),
    "task_zh_2": dict(
        sent=at("2026-10-22 09:00"), lang="zh",
        subject="任务提醒：提供接口文档初稿（截止10月23日）",
        body="""您好：

以下任务将于明天到期：

任务：提供冷链数据平台接口文档初稿
来源：10月14日启动会纪要 第2条
截止：2026年10月23日（周五）18:00

请直接回复进度（例如“完成60%”）、完成情况（“已完成”并附交付物），或如需延期请说明新的日期。

会议助手"""),
    "task_en_1": dict(
        sent=at("2026-10-29 09:00"), lang="en",
        subject="Reminder: customs checklist for the French leg (due 30 Oct)",
        body="""Hello,

This task is due tomorrow:

Task: provide the customs checklist for the French leg
From: minutes of the kick-off meeting of 14 October, item 3
Due: Friday 30 October 2026, 18:00 China Standard Time

Please reply with your progress (e.g. "60% done"), tell us when it is done (attach the deliverable), or ask for a new date if you need more time.

Meeting Assistant"""),
    "task_zh_3": dict(
        sent=at("2026-12-01 09:00"), lang="zh",
        subject="任务提醒：二期模具首模样件寄送（截止12月4日）",
        body="""您好：

以下任务临近截止：

任务：寄送二期模具首模样件（10件）至恒岳汽车研发中心
来源：11月4日模具评审会纪要 第3条
截止：2026年12月4日（周五）18:00

请直接回复进度、完成情况，或如需延期请说明新的日期。

会议助手"""),
    "acc_zh_1": dict(
        sent=at("2026-10-12 10:00"), lang="zh",
        subject="验收请求：《液冷板样件热仿真报告 V2》",
        body="""您好：

启辰热控已提交交付物，请您验收：

交付物：《液冷板样件热仿真报告 V2》（附件，PDF，38页）
对应任务：提交液冷板样件热仿真报告（9月16日协调会纪要 第2条）

请回复“验收通过”，或说明需要修改的地方。

会议助手"""),
    "acc_en_1": dict(
        sent=at("2026-10-28 10:00"), lang="en",
        subject="Acceptance request: sensor integration guide v1.1",
        body="""Hello,

Gangshen Cold Chain has delivered the following, please review it:

Deliverable: Sensor integration guide v1.1 (attached, 24 pages)
Task: provide the interface documentation draft (kick-off minutes, item 2)

Please reply "accepted", or tell us what must be changed.

Meeting Assistant"""),
    "acc_zh_2": dict(
        sent=at("2026-12-07 10:00"), lang="zh",
        subject="验收请求：二期模具首模样件（10件）",
        body="""您好：

启辰热控已寄送二期模具首模样件10件，检测记录见附件，请您验收。

请回复“验收通过”，或说明需要修改的地方。

会议助手"""),
}

# ---------------------------------------------------------------- quote headers per client

WD_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MON_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WD_ZH = "一二三四五六日"
LOC = {
    "fr": (["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
           ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
            "octobre", "novembre", "décembre"]),
    "de": (["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
           ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
            "Oktober", "November", "Dezember"]),
    "it": (["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
           ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
            "settembre", "ottobre", "novembre", "dicembre"]),
    "es": (["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
           ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre"]),
    "nl": (["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
           ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december"]),
    "sv": (["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"],
           ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
            "september", "oktober", "november", "december"]),
    "ru": (["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"],
           ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
            "сентября", "октября", "ноября", "декабря"]),
}


def _who(orig: dict) -> tuple[str, str]:
    return (SERVICE_ZH if orig["lang"] == "zh" else SERVICE_EN), SERVICE_ADDR


def quote_header(style: str, orig: dict, rcpt: tuple[str, str]) -> tuple[list[str], bool]:
    """Lines of the quote header for a client style, and whether quoted lines get '> '."""
    d = orig["sent"]
    name, addr = _who(orig)
    subj = orig["subject"]
    hm = d.strftime("%H:%M")
    wd, mo = d.weekday(), d.month - 1
    to = f"{rcpt[0]} <{rcpt[1]}>"
    ampm = d.strftime("%I:%M %p").lstrip("0")
    if style == "outlook_zh":
        return ["-----原始邮件-----", f"发件人: {name} <{addr}>", f"发送时间: {d.year}年{d.month}月{d.day}日 {hm}",
                f"收件人: {to}", f"主题: {subj}"], False
    if style == "outlook_zh_new":
        return ["发件人: " + f"{name} <{addr}>", f"发送时间: {d.year}年{d.month}月{d.day}日 星期{WD_ZH[wd]} {hm}",
                f"收件人: {to}", f"主题: {subj}"], False
    if style == "outlook_en":
        return ["________________________________", f"From: {name} <{addr}>",
                f"Sent: {WD_EN[wd]}, {MON_EN[mo]} {d.day}, {d.year} {ampm}", f"To: {to}",
                f"Subject: {subj}"], False
    if style == "orig_en":
        return ["-----Original Message-----", f"From: {name} [mailto:{addr}]",
                f"Sent: {WD_EN[wd]}, {MON_EN[mo]} {d.day}, {d.year} {ampm}", f"To: {to}",
                f"Subject: {subj}"], False
    if style == "outlook_tw":
        return [f"寄件者: {name} <{addr}>",
                f"寄件日期: {d.year}年{d.month}月{d.day}日 {'上午' if d.hour < 12 else '下午'} {d.strftime('%I:%M')}",
                f"收件者: {to}", f"主旨: {subj}"], False
    if style in ("outlook_de", "ursprung"):
        w, m = LOC["de"]
        head = ["-----Ursprüngliche Nachricht-----"] if style == "ursprung" else []
        return [*head, f"Von: {name} <{addr}>", f"Gesendet: {w[wd]}, {d.day}. {m[mo]} {d.year} {hm}",
                f"An: {to}", f"Betreff: {subj}"], False
    if style == "outlook_fr":
        w, m = LOC["fr"]
        return [f"De : {name} <{addr}>", f"Envoyé : {w[wd]} {d.day} {m[mo]} {d.year} {hm}",
                f"À : {to}", f"Objet : {subj}"], False
    if style == "outlook_it":
        w, m = LOC["it"]
        return [f"Da: {name} <{addr}>", f"Inviato: {w[wd]} {d.day} {m[mo]} {d.year} {hm}",
                f"A: {to}", f"Oggetto: {subj}"], False
    if style in ("outlook_es", "mensaje"):
        w, m = LOC["es"]
        head = ["-----Mensaje original-----"] if style == "mensaje" else []
        return [*head, f"De: {name} <{addr}>", f"Enviado el: {w[wd]}, {d.day} de {m[mo]} de {d.year} {hm}",
                f"Para: {to}", f"Asunto: {subj}"], False
    if style == "outlook_nl":
        w, m = LOC["nl"]
        return [f"Van: {name} <{addr}>", f"Verzonden: {w[wd]} {d.day} {m[mo]} {d.year} {hm}",
                f"Aan: {to}", f"Onderwerp: {subj}"], False
    if style == "gmail_en":
        return [f"On {WD_EN[wd][:3]}, {MON_EN[mo][:3]} {d.day}, {d.year} at {ampm} {name} <{addr}> wrote:"], True
    if style == "gmail_old":
        return [f"{d.strftime('%Y-%m-%d %H:%M')} GMT+08:00 {name} <{addr}>:"], True
    if style == "gmail_zh":
        return [f"{name} <{addr}> 于{d.year}年{d.month}月{d.day}日周{WD_ZH[wd]} {hm}写道："], True
    if style == "gmail_fr":
        w, m = LOC["fr"]
        return [f"Le {w[wd][:3]}. {d.day} {m[mo][:4]}. {d.year} à {hm}, {name} <{addr}> a écrit :"], True
    if style == "gmail_de":
        w, m = LOC["de"]
        return [f"Am {w[wd][:2]}., {d.day}. {m[mo]} {d.year} um {hm} Uhr schrieb {name} <{addr}>:"], True
    if style == "gmail_es":
        w, m = LOC["es"]
        return [f"El {w[wd][:3]}, {d.day} {m[mo][:3]} {d.year} a las {hm}, {name} (<{addr}>) escribió:"], True
    if style == "gmail_it":
        w, m = LOC["it"]
        return [f"Il giorno {w[wd][:3]} {d.day} {m[mo][:3]} {d.year} alle ore {hm} {name} <{addr}> ha scritto:"], True
    if style == "gmail_nl":
        w, m = LOC["nl"]
        return [f"Op {w[wd][:2]} {d.day} {m[mo][:3]} {d.year} om {hm} schreef {name} <{addr}>:"], True
    if style == "gmail_ru":
        return [f"{['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'][wd]}, {d.day} {LOC['ru'][1][mo][:3]}. {d.year} г. в {hm}, {name} <{addr}>:"], True
    if style == "ru_napisal":
        return [f"{d.day} {LOC['ru'][1][mo]} {d.year} г., в {hm}, {name} <{addr}> написал:"], True
    if style == "pl":
        return [f"W dniu {d.strftime('%d.%m.%Y')} o {hm}, {name} pisze:"], True
    if style == "sv":
        return [f"Den {d.day} {LOC['sv'][1][mo]} {d.year} kl. {hm} skrev {name} <{addr}>:"], True
    if style == "apple_zh":
        return [f"在 {d.year}年{d.month}月{d.day}日，{hm}，{name} <{addr}> 写道：", ""], True
    if style == "apple_tw":
        return [f"{d.year}年{d.month}月{d.day}日 {'上午' if d.hour < 12 else '下午'}{d.hour % 12 or 12}:{d.minute:02d}，{name} <{addr}> 寫道：", ""], True
    if style == "apple_en":
        return [f"On {MON_EN[mo][:3]} {d.day}, {d.year}, at {hm}, {name} <{addr}> wrote:", ""], True
    if style == "apple_fr":
        return [f"Le {d.day} {LOC['fr'][1][mo][:4]}. {d.year} à {hm}, {name} <{addr}> a écrit :", ""], True
    if style == "apple_de":
        return [f"Am {d.strftime('%d.%m.%Y')} um {hm} schrieb {name} <{addr}>:", ""], True
    if style == "apple_es":
        return [f"El {d.day} {LOC['es'][1][mo][:3]} {d.year}, a las {hm}, {name} <{addr}> escribió:", ""], True
    if style == "apple_it":
        return [f"Il giorno {d.day} {LOC['it'][1][mo][:3]} {d.year}, alle ore {hm}, {name} <{addr}> ha scritto:", ""], True
    if style == "qq":
        return ["------------------ 原始邮件 ------------------", f'发件人: "{name}"<{addr}>;',
                f"发送时间: {d.year}年{d.month}月{d.day}日(星期{WD_ZH[wd]}) {'上午' if d.hour < 12 else '下午'}{d.hour % 12 or 12}:{d.minute:02d}",
                f'收件人: "{rcpt[0]}"<{rcpt[1]}>;', f"主题: {subj}"], False
    if style == "qq_en":
        return ["------------------ Original ------------------", f'From: "{name}"<{addr}>;',
                f"Date: {WD_EN[wd][:3]}, {MON_EN[mo][:3]} {d.day}, {d.year} {d.strftime('%I:%M %p')}",
                f'To: "{rcpt[0]}"<{rcpt[1]}>;', f"Subject: {subj}"], False
    if style == "netease":
        return [f'在 {d.strftime("%Y-%m-%d %H:%M:%S")}，"{name}" <{addr}> 写道：'], True
    if style == "netease_app":
        return ["---- 回复的原邮件 ----", f"| 发件人 | {name}<{addr}> |",
                f"| 日期 | {d.strftime('%Y年%m月%d日 %H:%M')} |", f"| 至 | {rcpt[0]}<{rcpt[1]}> |",
                f"| 主题 | {subj} |"], False
    if style == "foxmail":
        return [f"发件人： {name}", f"发送时间： {d.strftime('%Y-%m-%d %H:%M')}", f"收件人： {rcpt[0]}",
                f"主题： {subj}"], False
    if style == "feishu":
        return [f"From: {name} <{addr}>", f"Date: {d.strftime('%Y-%m-%d %H:%M')}",
                f"Subject: {subj}", f"To: {rcpt[0]} <{rcpt[1]}>"], False
    if style == "wecom":
        return ["原始邮件", f"发件人：{name}<{addr}>", f"发件时间：{d.strftime('%Y年%m月%d日 %H:%M')}",
                f"收件人：{rcpt[0]}<{rcpt[1]}>", f"主题：{subj}"], False
    if style == "tb_en":
        return [f"On {d.strftime('%d/%m/%Y')} {hm}, {name} wrote:"], True
    if style == "tb_de":
        return [f"Am {d.strftime('%d.%m.%y')} um {hm} schrieb {name}:"], True
    raise KeyError(style)


# ---------------------------------------------------------------- building a message

def _charset(name: str, cte: str) -> Charset:
    cs = Charset(name)
    cs.body_encoding = QP if cte == "qp" else BASE64
    cs.header_encoding = BASE64
    return cs


def _text_part(text: str, subtype: str, charset: str, cte: str) -> MIMEText:
    part = MIMEText("", subtype, "utf-8")
    del part["Content-Transfer-Encoding"]
    part.set_payload(text, _charset(charset, cte))
    return part


def _esc(line: str) -> str:
    return html.escape(line, quote=False) if line else "<br>"


def render_html(flavor: str, first: list[str], quote_head: list[str], quoted: list[str],
                after: list[str], charset: str) -> str:
    """HTML for: first (new text + signature), the quote, after (bottom-posted text)."""
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    if flavor == "word":
        def p(line: str) -> str:
            return f'<p class="MsoNormal">{html.escape(line) if line else "&nbsp;"}<o:p></o:p></p>'
        parts = [f'<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>{meta}'
                 '<style><!-- p.MsoNormal {margin:0cm;font-size:10.5pt;font-family:DengXian;} --></style>'
                 '</head><body lang="ZH-CN"><div class="WordSection1">']
        parts += [p(x) for x in first]
        if quote_head:
            sep = [h for h in quote_head if set(h) <= set("-_ ") or "Nachricht" in h or "original" in h.lower() or "原始邮件" in h]
            fields = [h for h in quote_head if h not in sep]
            parts.append("<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>")
            parts += [p(h) for h in sep]
            parts.append('<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
                         '<p class="MsoNormal">')
            for h in fields:
                k, _, v = h.partition(":") if ":" in h else h.partition("：")
                parts.append(f"<b>{html.escape(k)}:</b>{html.escape(v)}<br>")
            parts.append("</p></div>")
            parts += [p(x) for x in quoted]
        parts += [p(x) for x in after]
        parts.append("</div></body></html>")
        return "\n".join(parts)
    if flavor == "gmail":
        out = [f'<div dir="ltr">{"<br>".join(html.escape(x) for x in first)}</div>']
        if quote_head:
            out.append('<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
                       + html.escape(quote_head[0]) + '<br></div><blockquote class="gmail_quote" '
                       'style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
                       + "<br>".join(html.escape(x) for x in quoted) + "</blockquote></div>")
        if after:
            out.append(f'<div dir="ltr">{"<br>".join(html.escape(x) for x in after)}</div>')
        return "\n".join(out)
    if flavor == "apple":
        out = [f'<html><head>{meta}</head><body dir="auto">']
        out += [f'<div dir="ltr">{_esc(x)}</div>' for x in first]
        if quote_head:
            out.append(f'<div dir="ltr"><br><blockquote type="cite">{html.escape(quote_head[0])}<br><br></blockquote></div>')
            out.append('<blockquote type="cite"><div dir="ltr">'
                       + "".join(f"<div>{_esc(x)}</div>" for x in quoted) + "</div></blockquote>")
        out += [f'<div dir="ltr">{_esc(x)}</div>' for x in after]
        out.append("</body></html>")
        return "\n".join(out)
    if flavor == "qq":
        out = [meta] + [f"<div>{_esc(x)}</div>" for x in first]
        if quote_head:
            out.append('<div><br></div><div style="font-size: 12px;font-family: Arial Narrow;padding:2px 0 2px 0;">'
                       + quote_head[0].replace(" ", "&nbsp;") + "</div>")
            out.append('<div style="font-size: 12px;background:#efefef;padding:8px;">'
                       + "".join(f"<div><b>{html.escape(h.split(':', 1)[0])}:</b>&nbsp;{html.escape(h.split(':', 1)[1].strip())}</div>"
                                 for h in quote_head[1:]) + "</div><div><br></div>")
            out += [f"<div>{_esc(x)}</div>" for x in quoted]
        out += [f"<div>{_esc(x)}</div>" for x in after]
        return "\n".join(out)
    # generic webmail / desktop client
    out = [f"<html><head>{meta}</head><body>"] + [f"<div>{_esc(x)}</div>" for x in first]
    if quote_head:
        if len(quote_head) == 1 or quote_head[-1] == "":
            out.append(f"<div><br></div><div>{html.escape(quote_head[0])}</div>")
            out.append('<blockquote style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">'
                       + "".join(f"<div>{_esc(x)}</div>" for x in quoted) + "</blockquote>")
        else:
            out.append('<div><br></div><div style="border-top:1px solid #B5C4DF;padding-top:4px;font-size:12px">'
                       + "".join(f"<div>{html.escape(h)}</div>" for h in quote_head) + "</div><div><br></div>")
            out += [f"<div>{_esc(x)}</div>" for x in quoted]
    out += [f"<div>{_esc(x)}</div>" for x in after]
    out.append("</body></html>")
    return "\n".join(out)


CLIENTS = {
    # client: (html flavor, default charset, default cte, default format, mailer header)
    "outlook-zh": ("word", "gb2312", "base64", "alt", "Microsoft Outlook 16.0"),
    "outlook-en": ("word", "utf-8", "qp", "alt", "Microsoft Outlook 16.0"),
    "outlook-tw": ("word", "big5", "base64", "alt", "Microsoft Outlook 16.0"),
    "outlook-de": ("word", "iso-8859-1", "qp", "alt", "Microsoft Outlook 16.0"),
    "outlook-fr": ("word", "iso-8859-1", "qp", "alt", "Microsoft Outlook 16.0"),
    "outlook-it": ("word", "iso-8859-1", "qp", "alt", "Microsoft Outlook 16.0"),
    "outlook-es": ("word", "iso-8859-1", "qp", "alt", "Microsoft Outlook 16.0"),
    "outlook-nl": ("word", "utf-8", "qp", "alt", "Microsoft Outlook 16.0"),
    "outlook-pl": ("word", "utf-8", "qp", "alt", "Microsoft Outlook 16.0"),
    "foxmail": ("generic", "gbk", "base64", "alt", "Foxmail 7.2.25.375[cn]"),
    "qqmail": ("qq", "gb18030", "base64", "alt", "QQMail 2.x"),
    "netease": ("generic", "gbk", "base64", "alt", "Coremail Webmail Server Version 2023.2"),
    "gmail-zh": ("gmail", "utf-8", "base64", "alt", None),
    "gmail-en": ("gmail", "utf-8", "qp", "alt", None),
    "gmail-fr": ("gmail", "utf-8", "qp", "alt", None),
    "gmail-de": ("gmail", "utf-8", "qp", "alt", None),
    "gmail-es": ("gmail", "utf-8", "qp", "alt", None),
    "gmail-it": ("gmail", "utf-8", "qp", "alt", None),
    "gmail-nl": ("gmail", "utf-8", "qp", "alt", None),
    "gmail-ru": ("gmail", "utf-8", "base64", "alt", None),
    "gmail-sv": ("gmail", "utf-8", "qp", "alt", None),
    "apple-mail": ("apple", "utf-8", "qp", "alt", "iPhone Mail (22F76)"),
    "iphone-fr": ("apple", "utf-8", "qp", "alt", "iPhone Mail (22F76)"),
    "iphone-de": ("apple", "utf-8", "qp", "alt", "iPhone Mail (22F76)"),
    "iphone-es": ("apple", "utf-8", "qp", "alt", "iPhone Mail (22F76)"),
    "iphone-it": ("apple", "utf-8", "qp", "alt", "iPhone Mail (22F76)"),
    "iphone-ru": ("apple", "utf-8", "base64", "alt", "iPhone Mail (22F76)"),
    "huawei": ("generic", "utf-8", "base64", "alt", "Huawei Email"),
    "feishu": ("generic", "utf-8", "base64", "html", "Lark Mail"),
    "wecom": ("generic", "utf-8", "base64", "alt", "WXWork Mail"),
    "thunderbird": ("generic", "utf-8", "qp", "plain", "Mozilla Thunderbird"),
    "thunderbird-pl": ("generic", "utf-8", "qp", "plain", "Mozilla Thunderbird"),
    "thunderbird-de": ("generic", "utf-8", "qp", "plain", "Mozilla Thunderbird"),
    "yandex-ru": ("generic", "utf-8", "base64", "alt", "Yandex.Mail"),
    "outlook-sv": ("word", "utf-8", "qp", "alt", "Microsoft Outlook 16.0"),
    "gmail-pl": ("gmail", "utf-8", "qp", "alt", None),
}


def encoded_words(text: str, charset: str) -> str:
    """RFC 2047 base64 words, folded, named by the charset's MIME name (not Python's codec name)."""
    if text.isascii():
        return text
    try:
        text.encode(charset)
    except (UnicodeEncodeError, LookupError):
        charset = "utf-8"
    words, cur = [], ""
    for ch in text:
        if cur and len(base64.b64encode((cur + ch).encode(charset))) > 45:
            words.append(cur)
            cur = ch
        else:
            cur += ch
    words.append(cur)
    return "\n ".join(f"=?{charset}?B?{base64.b64encode(w.encode(charset)).decode()}?=" for w in words)


def address(name: str, addr: str, charset: str) -> str:
    return f"{encoded_words(name, charset)} <{addr}>" if name else addr


def fix_boundaries(msg: Message, case_id: str) -> None:
    """Deterministic MIME boundaries, so that regenerating gives the same bytes."""
    for n, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        h = hashlib.sha1(f"{case_id}/{n}".encode()).hexdigest()[:24].upper()
        part.set_boundary(f"_{n:03d}_{h}_")


def msgid(case_id: str, domain: str) -> str:
    h = hashlib.sha1(case_id.encode()).hexdigest()
    return f"<{h[:12].upper()}.{h[12:20]}@{domain}>"


def build_message(c: dict, text_plain: str, first: list[str], qh: list[str], quoted: list[str],
                  after: list[str]) -> MIMEMultipart | MIMENonMultipart:
    flavor, charset, cte, fmt, mailer = CLIENTS[c["client"]]
    charset = c.get("charset", charset)
    cte = c.get("cte", cte)
    fmt = c.get("fmt", fmt)
    try:
        (text_plain + "".join(first + qh + quoted + after)).encode(charset)
    except UnicodeEncodeError:
        charset = "utf-8"  # what Outlook's auto-select does when the legacy charset cannot hold the text
    c["wire"] = f"{fmt}, {charset}, {cte}"
    html_text = render_html(flavor, first, qh, quoted, after, charset)
    if fmt == "plain":
        root = _text_part(text_plain, "plain", charset, cte)
    elif fmt == "html":
        root = _text_part(html_text, "html", charset, cte)
    else:
        root = MIMEMultipart("alternative")
        root.attach(_text_part(text_plain, "plain", charset, cte))
        root.attach(_text_part(html_text, "html", charset, cte))
    if c.get("ics"):  # Outlook puts the calendar reply next to the text and HTML parts
        cal = MIMEText(c["ics"], "calendar", "utf-8")
        cal.set_param("method", "REPLY")
        root.attach(cal)
    if c.get("attach"):
        mixed = MIMEMultipart("mixed")
        mixed.attach(root)
        if c.get("attach"):
            att = MIMEApplication(b"%PDF-1.4\n% batch1 dummy attachment\n", "pdf")
            att.add_header("Content-Disposition", "attachment", filename=c["attach"])
            mixed.attach(att)
        root = mixed
    name, addr = c["sender"]
    hcs = "utf-8" if charset in ("iso-8859-1",) else charset
    root["From"] = address(name, addr, hcs)
    root["To"] = address(SERVICE_ZH, SERVICE_ADDR, hcs)
    root["Subject"] = encoded_words(c["subject"], hcs)
    root["Date"] = format_datetime(c["date"])
    domain = addr.split("@")[1]
    root["Message-ID"] = msgid(c["id"], domain)
    if c.get("orig"):
        ref = f"<{c['orig']}.{c['orig_sent']}@meetloop.example.com>"
        root["In-Reply-To"] = ref
        root["References"] = ref
    if mailer:
        root["X-Mailer"] = mailer
    for k, v in c.get("headers", {}).items():
        root[k] = v
    return root


REPLY_PREFIX = {"outlook-zh": "回复: ", "outlook-en": "RE: ", "outlook-tw": "回覆: ", "outlook-de": "AW: ",
                "outlook-fr": "RE : ", "outlook-it": "R: ", "outlook-es": "RE: ", "outlook-nl": "RE: ",
                "foxmail": "回复：", "qqmail": "回复：", "netease": "Re:", "wecom": "回复：", "feishu": "回复：",
                "huawei": "回复：", "gmail-zh": "Re: ", "apple-mail": "回复："}


def european_offset(when: dt.datetime) -> float:
    """CEST from the last Sunday of March to the last Sunday of October 2026, else CET."""
    return 2 if dt.date(2026, 3, 29) <= when.date() < dt.date(2026, 10, 25) else 1


def sender_offset(addr: str, when: dt.datetime) -> float:
    tld = addr.rsplit(".", 1)[-1]
    if tld == "ru":
        return 3
    if tld in ("de", "fr", "it", "es", "nl", "se", "pl"):
        return european_offset(when)
    return 8


def make_reply(c: dict) -> tuple[bytes, dict]:
    orig = ORIGINALS.get(c.get("orig") or "")
    if "date" not in c:
        n = int(hashlib.sha1(c["id"].encode()).hexdigest(), 16)
        sent = orig["sent"] + dt.timedelta(hours=2 + n % 20, minutes=n % 57)
        c["date"] = sent.astimezone(tz(sender_offset(c["sender"][1], sent)))
    text_lines = c["text"].strip("\n").split("\n") if c["text"] else []
    sig = c.get("sig", "").strip("\n").split("\n") if c.get("sig") else []
    first = [*text_lines, "", *sig] if sig else text_lines
    qh, prefix, quoted, after = [], False, [], []
    if orig:
        c["orig_sent"] = orig["sent"].strftime("%Y%m%d%H%M")
        qh, prefix = quote_header(c["quote"], orig, c["sender"])
        quoted = orig["body"].split("\n")
        c.setdefault("subject", REPLY_PREFIX.get(c["client"], "Re: ") + orig["subject"])
    if c.get("bottom"):
        after, first = first, []
    if prefix:
        qtext = [h for h in qh if h] + [("> " + x) if x else ">" for x in quoted]
    else:
        qtext = [*qh, "", *quoted]
    blocks = []
    if first:
        blocks.append("\n".join(first))
    if orig:
        blocks.append("\n".join(qtext))
    if after:
        blocks.append("\n".join(after))
    plain = "\n\n".join(blocks) + "\n"
    if c.get("raw_plain"):
        plain = c["raw_plain"]
    msg = build_message(c, plain, first, qh if orig else [], quoted, after)
    e = {"intent": c["intent"], "body": None, "slots": None, "percent": None, "new_due": None,
         "topic_contains": None, "delegate": None, "failed_recipient": None}
    if c["intent"] not in ("auto_reply", "bounce"):
        e["body"] = c.get("body", norm(c["text"] or ""))
    for k in ("slots", "percent", "new_due", "topic_contains", "delegate", "failed_recipient"):
        if k in c:
            e[k] = c[k]
    label = {"id": c["id"], "file": f"replies/{c['id']}.eml", "type": "reply", "context": c["ctx"],
             "poll_size": c.get("poll_size"), "client": c["client"], "lang": c["lang"], "expect": e,
             "note": f"{c['note']} [{c['client']}: {c['wire']}]"}
    fix_boundaries(msg, c["id"])
    return msg.as_bytes(), label


def make_auto(c: dict) -> tuple[bytes, dict]:
    """Auto-replies and bounces: written by machines, labelled without a body."""
    _, charset, cte, _, _ = CLIENTS.get(c["client"], ("generic", "utf-8", "qp", "plain", None))
    charset = c.get("charset", charset if charset != "iso-8859-1" else "utf-8")
    if c["intent"] == "bounce":
        root = MIMEMultipart("report", report_type="delivery-status")
        root.attach(_text_part(c["text"], "plain", charset, c.get("cte", "qp")))
        ds = Message()
        ds.set_type("message/delivery-status")
        ds.set_payload([message_from_string(b) for b in c["dsn"].split("\n\n")])
        root.attach(ds)
        orig = MIMENonMultipart("text", "rfc822-headers")
        orig.set_payload(c["orig_headers"])
        root.attach(orig)
    else:
        root = _text_part(c["text"], "plain", charset, c.get("cte", cte))
    name, addr = c["sender"]
    root["From"] = address(name, addr, "utf-8")
    root["To"] = SERVICE_ADDR
    root["Subject"] = encoded_words(c["subject"], "utf-8")
    root["Date"] = format_datetime(c["date"])
    root["Message-ID"] = msgid(c["id"], addr.split("@")[1])
    for k, v in c.get("headers", {}).items():
        root[k] = v
    e = {"intent": c["intent"], "body": None, "slots": None, "percent": None, "new_due": None,
         "topic_contains": None, "delegate": None, "failed_recipient": c.get("failed_recipient")}
    label = {"id": c["id"], "file": f"replies/{c['id']}.eml", "type": "reply", "context": c["ctx"],
             "poll_size": c.get("poll_size"), "client": c["client"], "lang": c["lang"], "expect": e,
             "note": c["note"]}
    fix_boundaries(root, c["id"])
    return root.as_bytes(), label


def make_minutes(c: dict) -> tuple[bytes, dict]:
    flavor, charset, cte, _, mailer = CLIENTS[c["client"]]
    charset = c.get("charset", charset)
    cte = c.get("cte", cte)
    fmt = c.get("fmt", "plain" if not c.get("html") else "alt")
    lines = c["text"].strip("\n").split("\n")
    html_text = c.get("html") or render_html(flavor, lines, [], [], [], charset)
    try:
        (c["text"] + html_text).encode(charset)
    except UnicodeEncodeError:
        charset = "utf-8"
        html_text = c.get("html") or render_html(flavor, lines, [], [], [], charset)
    if fmt == "plain":
        root = _text_part(c["text"].strip("\n") + "\n", "plain", charset, cte)
    elif fmt == "html":
        root = _text_part(html_text, "html", charset, cte)
    else:
        root = MIMEMultipart("alternative")
        root.attach(_text_part(c["text"].strip("\n") + "\n", "plain", charset, cte))
        root.attach(_text_part(html_text, "html", charset, cte))
    name, addr = c["sender"]
    hcs = "utf-8" if charset == "iso-8859-1" else charset
    root["From"] = address(name, addr, hcs)
    root["To"] = address(SERVICE_ZH, SERVICE_ADDR, hcs)
    root["Subject"] = encoded_words(c["subject"], hcs)
    root["Date"] = format_datetime(c["date"])
    root["Message-ID"] = msgid(c["id"], addr.split("@")[1])
    if mailer:
        root["X-Mailer"] = mailer
    items = [{"kind": k, "key": key, "owner": owner, "due": due} for k, key, owner, due in c["items"]]
    label = {"id": c["id"], "file": f"minutes/{c['id']}.eml", "type": "minutes",
             "meeting_end": c["end"], "client": c["client"], "lang": c["lang"],
             "expect": {"items": items}, "note": f"{c['note']} [{c['client']}: {fmt}, {charset}, {cte}]"}
    fix_boundaries(root, c["id"])
    return root.as_bytes(), label


# ---------------------------------------------------------------- people

P = {
    "zhou": ("周振华", "zhouzhenhua@hengyue-auto.example.cn"),
    "wangjg": ("王建国", "wangjianguo@hengyue-auto.example.cn"),
    "lixt": ("李晓彤", "lixiaotong@hengyue-auto.example.cn"),
    "huang": ("黄志强", "huangzhiqiang@qichen-thermal.example.cn"),
    "chenlu": ("陈露", "chenlu@qichen-thermal.example.cn"),
    "zhengk": ("郑凯", "zhengkai@qichen-thermal.example.cn"),
    "wumin": ("吴敏", "wumin_yf@163.example.com"),
    "zhaot": ("赵婷", "zhaoting@yunfan-tech.example.cn"),
    "sunlei": ("孙磊", "sunlei@yunfan-tech.example.cn"),
    "qianf": ("钱芳", "qianfang@qichen-thermal.example.cn"),
    "lukas": ("Lukas Weber", "lukas.weber@kuehne-tt.example.de"),
    "anna": ("Anna Schmidt", "anna.schmidt@kuehne-tt.example.de"),
    "kelvin": ("Kelvin Chan", "kelvin.chan@gangshen-cc.example.hk"),
    "ho": ("何詠詩", "wingsze.ho@gangshen-cc.example.hk"),
    "sarah": ("Sarah Ng", "sarah.ng@gangshen-cc.example.hk"),
    "lin": ("林志偉", "lin.chihwei@hongshuo.example.com.tw"),
    "camille": ("Camille Durand", "c.durand@lumiere-log.example.fr"),
    "javier": ("Javier Morales", "jmorales@frigoibericos.example.es"),
    "giulia": ("Giulia Rossi", "giulia.rossi@caseificio-vt.example.it"),
    "marco": ("Marco Bianchi", "m.bianchi@plastica-lombarda.example.it"),
    "pieter": ("Pieter de Vries", "p.devries@koelhaven.example.nl"),
    "dmitry": ("Дмитрий Волков", "d.volkov@sevtrans.example.ru"),
    "kasia": ("Katarzyna Nowak", "k.nowak@chlodnia-gdansk.example.pl"),
    "erik": ("Erik Lindqvist", "erik.lindqvist@nordkyl.example.se"),
}

SIG = {
    "wangjg": "王建国\n采购总监 | 恒岳汽车\n电话：0512-6555-0131",
    "lixt": "李晓彤\n恒岳汽车 质量部 SQE\n电话 0512-6555-0147",
    "zhou": "周振华 Zhou Zhenhua\n项目部 | 苏州恒岳汽车科技有限公司\n苏州工业园区星湖街328号\nTel: 0512-6555-0100",
    "huang": "黄志强\n项目经理\n启辰热控（常州）有限公司\n手机：138-0000-5521",
    "chenlu": "陈露\n启辰热控 仿真组\n0519-8555-0163",
    "zhengk": "郑凯 | 启辰热控 工艺部",
    "wumin": "吴敏\n云帆数科 市场部\n手机 139 0000 2210",
    "zhaot": "赵婷 Zhao Ting\n云帆数科 | 数据平台部\nzhaoting@yunfan-tech.example.cn",
    "qianf": "钱芳\n启辰热控（常州）有限公司 模具部\nTel：0519-8555-0177",
    "lukas_de": "Viele Grüße\nLukas Weber\n\nKühne Thermotechnik GmbH\nVersuchsabteilung\nTel. +49 711 5550 1208\nwww.kuehne-tt.example.de",
    "anna": "Mit freundlichen Grüßen\nAnna Schmidt\n\nKühne Thermotechnik GmbH\nVersuchsabteilung\nTel. +49 711 5550 1234\nwww.kuehne-tt.example.de",
    "kelvin": "--\nKelvin Chan 陳嘉豪\nGangshen Cold Chain Ltd.\nT: +852 3555 0188",
    "ho": "何詠詩 Ho Wing Sze\n港深冷鏈有限公司 營運部\n+852 3555 0123",
    "sarah": "Sarah Ng\nProject Manager, Gangshen Cold Chain Ltd.\n18/F, 2666 Keyuan South Road, Shenzhen\nwww.gangshen-cc.example.hk",
    "lin": "林志偉 Lin Chih-Wei\n宏碩精密工業股份有限公司 業務部\nTel: +886-3-555-0172",
    "camille": "Cordialement,\nCamille Durand\nResponsable douane\nLumière Logistique\n12 quai Perrache, 69002 Lyon",
    "javier": "Un saludo,\nJavier Morales\nFrigoríficos Ibéricos S.L.\nTel. +34 96 555 01 23",
    "giulia": "Cordiali saluti\nGiulia Rossi\nCaseificio Valtellina S.p.A. – Qualità\nTel. +39 0342 555 012",
    "pieter": "Met vriendelijke groet,\nPieter de Vries\nKoelhaven Rotterdam B.V.\n+31 10 555 0147",
    "dmitry": "С уважением,\nДмитрий Волков\nООО «СевТранс», отдел логистики\n+7 812 555-01-23",
    "kasia": "Pozdrawiam\nKatarzyna Nowak\nChłodnia Gdańsk Sp. z o.o.",
    "erik": "Med vänliga hälsningar\nErik Lindqvist\nNordkyl AB | Logistics\n+46 8 555 012 34",
}

REPLIES: list[dict] = []


def R(ctx: str, client: str, lang: str, who: str, orig: str | None, quote: str | None, text: str,
      intent: str, note: str, sig: str | None = None, **kw) -> None:
    c = dict(ctx=ctx, client=client, lang=lang, sender=P[who], orig=orig, quote=quote, text=text,
             intent=intent, note=note, sig=SIG.get(who, "") if sig is None else sig, **kw)
    c["id"] = f"b1r{len(REPLIES) + 1:03d}"
    REPLIES.append(c)


# ---------------------------------------------------------------- invite

R("invite", "outlook-zh", "zh", "wangjg", "inv_zh_a", "outlook_zh", "周经理：\n\n没问题，到时见。", "accept",
  "Salutation on its own line is body; accept without 参加; the quoted invitation lists 参加/不参加/待定.")
R("invite", "qqmail", "zh", "zhengk", "inv_zh_a", "qq", "行", "accept",
  "One-character accept, QQ HTML-only GB18030; one-line signature '郑凯 | 启辰热控 工艺部'.", fmt="html")
R("invite", "huawei", "zh", "wumin", "inv_zh_b", "outlook_zh_new", "👍", "accept",
  "Emoji-only accept followed by the Huawei tagline; quote header without a separator line.",
  sig="发自我的华为手机")
R("invite", "gmail-en", "en", "anna", "inv_en_a", "gmail_en",
  "Count me in. I'll dial in from Stuttgart, 8 am is fine for me.", "accept",
  "Idiomatic accept with no 'attend'; German sign-off block, Gmail quote.", sig=SIG["anna"].replace("Mit freundlichen Grüßen", "Best regards"))
R("invite", "iphone-fr", "fr", "camille", "inv_en_b", "apple_fr",
  "Bonjour,\n\nJe serai présente, en visio depuis Lyon.", "accept",
  "French accept from iPhone: 'Envoyé de mon iPhone' tagline, 'Le … a écrit :' quote header.",
  sig="Envoyé de mon iPhone")
R("invite", "iphone-de", "de", "lukas", "inv_en_a", "apple_de", "Passt, ich bin dabei.", "accept",
  "German colloquial accept; 'Von meinem iPhone gesendet'; 'Am … schrieb …:' header.",
  sig="Von meinem iPhone gesendet")
R("invite", "outlook-de", "de", "anna", "inv_en_a", "outlook_de",
  "Hallo zusammen,\n\nich bin in der Woche im Urlaub. Mein Kollege Jonas Becker (jonas.becker@kuehne-tt.example.de) übernimmt den Termin für uns.",
  "delegate", "German delegate with 'übernimmt' (no 'instead'); German Outlook header Von:/Gesendet:/An:/Betreff:; sign-off 'Mit freundlichen Grüßen' then name/company/phone/URL.",
  delegate="Jonas Becker")
R("invite", "gmail-sv", "en", "erik", "inv_en_b", "sv",
  "Hi,\n\nwe'll sit this one out – nothing on the agenda concerns our warehouse yet. Please share the slides afterwards.",
  "decline", "Decline without no/can't; Swedish Gmail header 'Den … skrev …:'; Swedish sign-off.")
R("invite", "netease", "zh", "wumin", "inv_zh_b", "netease",
  "这次我们就不派人了，资料会后发我一份就行。", "decline",
  "Decline without 不参加/无法出席; 163 quote header '在 … 写道：' with '>' lines.")
R("invite", "feishu", "zh", "zhaot", "inv_zh_b", "feishu",
  "我派李明参加，他是我们这边的数据接口负责人。", "delegate",
  "Delegate with verb 派; Feishu HTML-only; bilingual name signature with address line.", delegate="李明")
R("invite", "outlook-zh", "zh", "wangjg", "inv_zh_a", "outlook_zh",
  "周经理好：\n\n16号我在重庆供应商现场，让我们计划部主管代我去。", "delegate",
  "Delegate by title ('计划部主管'), verb 代…去; salutation line.", delegate="计划部主管")
R("invite", "gmail-en", "en", "kelvin", "inv_en_b", "gmail_en",
  "Hi,\n\nI'm on a flight that morning. I'm sending Kevin Lau (kevin.lau@gangshen-cc.example.hk) instead, he runs our IoT team.",
  "delegate", "Delegate with 'sending … instead'; '--' signature with names in two scripts.",
  delegate="Kevin Lau")
R("invite", "wecom", "zh", "sunlei", "inv_zh_b", "wecom", "那天我在合肥，由范晓东出席。", "delegate",
  "Delegate '由X出席' with no 无法; WeCom tagline; '原始邮件' header block.", sig="发自我的企业微信",
  delegate="范晓东")
R("invite", "outlook-tw", "zh-tw", "lin", "inv_en_b", "outlook_tw",
  "黃經理您好：\n\n抱歉，10月14日當天我在新竹參加客戶稽核，無法出席。會後再麻煩提供簡報與紀錄，謝謝。",
  "decline", "Traditional Chinese Big5 decline; salutation '黃經理您好：' is body; 寄件者/寄件日期 header.")
R("invite", "outlook-tw", "yue", "ho", "inv_zh_b", "outlook_tw",
  "唔好意思，14號我要返東莞睇貨，冇辦法出席。有咩要跟進嘅可以直接搵我。", "decline",
  "Cantonese decline (唔好意思/冇辦法/睇); HK Outlook falls back to UTF-8 for the simplified quote.", charset="big5hkscs")
R("invite", "apple-mail", "yue", "ho", "inv_zh_b", "apple_tw", "得，我會到。", "accept",
  "Cantonese accept '得'; Traditional iPhone tagline '從我的 iPhone 傳送'.", sig="從我的 iPhone 傳送")
R("invite", "gmail-es", "es", "javier", "inv_en_b", "gmail_es",
  "Hola:\n\nAsistiré. ¿Podemos añadir un punto sobre la cadena de frío en el puerto de Valencia? Tenemos incidencias con los contenedores reefer.",
  "accept", "Spanish accept with a topic; 'El … escribió:' quote; sign-off 'Un saludo,'.",
  topic_contains="puerto de Valencia")
R("invite", "gmail-nl", "en", "pieter", "inv_en_b", "gmail_nl",
  "I will attend. Can we add one topic: the retention period for temperature logs (we need 2 years for NVWA audits)?",
  "accept", "Accept with a topic phrased as a question; Dutch Gmail header 'Op … schreef …:'; Dutch sign-off.",
  topic_contains="retention period for temperature logs")
R("invite", "outlook-zh", "zh", "lixt", "inv_zh_a", "outlook_zh",
  "周经理：\n好的，准时到。想请议程加一项：二期样件的盐雾试验标准，之前两边理解不一致。", "accept",
  "Accept + topic with '想请议程加一项'; the quoted agenda must not be taken as the topic.",
  topic_contains="盐雾试验标准")
R("invite", "outlook-it", "it", "giulia", "inv_en_b", "outlook_it",
  "Buongiorno,\n\nnon sono ancora sicura di poter partecipare: quel giorno abbiamo un audit interno. Vi confermo entro venerdì.",
  "tentative", "Italian tentative; Italian Outlook header Da:/Inviato:/A:/Oggetto:; 'Cordiali saluti' sign-off.")
R("invite", "outlook-en", "en", "sarah", "inv_en_b", "outlook_en",
  "Not sure yet – it depends on whether our CFO moves the budget review. I'll let you know by Monday.",
  "tentative", "Tentative without 'tentative/maybe'; signature block without sign-off (name, title, address, URL).")
R("invite", "iphone-es", "es", "javier", "inv_en_b", "apple_es",
  "Intentaré conectarme, pero no lo puedo garantizar.", "tentative",
  "Spanish tentative; 'Enviado desde mi iPhone'.", sig="Enviado desde mi iPhone")
R("invite", "yandex-ru", "ru", "dmitry", "inv_en_b", "ru_napisal",
  "Добрый день!\n\nК сожалению, не смогу участвовать — в эти дни я на выставке в Казани.", "decline",
  "Russian decline; header '… написал:'; 'С уважением,' sign-off.")
R("invite", "gmail-ru", "ru", "dmitry", "inv_en_a", "gmail_ru", "Буду, подключусь онлайн.", "accept",
  "Russian accept in three words; Gmail ru header ending with '<addr>:'; '--' signature.",
  sig="--\nДмитрий Волков")
R("invite", "thunderbird-pl", "pl", "kasia", "inv_en_b", "pl",
  "Dzień dobry,\n\nniestety nie dam rady, mamy w tym dniu inwentaryzację. Proszę o przesłanie notatki po spotkaniu.",
  "decline", "Polish bottom-posted decline below the quote ('W dniu … pisze:'); 'Pozdrawiam' sign-off.",
  bottom=True)
R("invite", "outlook-fr", "fr", "camille", "inv_en_b", "outlook_fr",
  "Bonjour,\n\nJe ne pourrai pas être présente. Mon collègue Thomas Girard (t.girard@lumiere-log.example.fr) participera à ma place.",
  "delegate", "French delegate 'à ma place'; French Outlook header De :/Envoyé :/À :/Objet : (space before colon).",
  delegate="Thomas Girard")
R("invite", "netease", "zh", "wumin", "inv_zh_b", "netease", "收到，谢谢", "unclear",
  "'收到' to an invitation confirms receipt, not attendance: honest unclear.")
R("invite", "gmail-de", "en", "lukas", "inv_en_a", "gmail_de",
  "Is there a dial-in number for people without Tencent Meeting? Our firewall blocks the client.", "question",
  "Question back instead of an answer; German Gmail header 'Am … schrieb …:'.", sig="--\nLukas Weber\nKühne Thermotechnik GmbH")
R("invite", "outlook-en", "en", "marco", "inv_en_a", "outlook_en",
  "Dear Mr. Zhou,\n\nThank you for the invitation. I will be there in person and will bring the tooling drawings.",
  "accept", "Formal accept; 'Dear Mr. Zhou,' line is body; HTML-only Outlook (Word HTML, QP).",
  sig="Kind regards,\nMarco Bianchi\nPlastica Lombarda S.r.l.", fmt="html")
R("invite", "netease", "zh", "huang", "inv_zh_a", "netease", "16号要陪客户验厂，抽不开身，下次吧。", "decline",
  "Decline without 不参加 ('抽不开身，下次吧'); GBK.")
R("invite", "foxmail", "zh", "qianf", "inv_zh_a", "foxmail", "可以，我和小陈两个人过去。", "accept",
  "Accept that names a colleague coming along: not a delegate; Foxmail full-width colon header.")
R("invite", "gmail-zh", "zh", "zhaot", "inv_zh_b", "gmail_zh", "好嘞，准时上线", "accept",
  "Colloquial accept '好嘞，准时上线'; Gmail zh header '… 于…写道：'.")
R("invite", "outlook-zh", "zh", "chenlu", "inv_zh_a", "outlook_zh",
  "参加。\n顺便问一下，A3会议室有投屏吗？我要放仿真动画。", "accept",
  "Accept plus a practical question: the answer is given, so not 'question'.")
R("invite", "thunderbird", "en", "erik", "inv_en_b", "tb_en",
  "Thanks, I'll join online. My colleague Sofia may listen in too.", "accept",
  "Thunderbird bottom-posted accept; mentioning a colleague who listens in is not a delegation.",
  bottom=True, sig="-- \nErik Lindqvist, Nordkyl AB")

# ---------------------------------------------------------------- poll

R("poll", "qqmail", "zh", "zhengk", "poll_zh3", "qq", "选项一和三都可以", "availability",
  "Chinese numerals for option numbers (一、三).", slots=[1, 3], poll_size=3)
R("poll", "netease", "zh", "wumin", "poll_zh3", "netease", "2、3 都ok，1 要确认一下，先不算我", "availability",
  "Uncertain option 1 must not be counted.", slots=[2, 3], poll_size=3)
R("poll", "feishu", "zh", "zhaot", "poll_zh5", "feishu", "3-5都可以，1、2那两天在出差", "availability",
  "Range 3-5 plus the excluded 1、2 written as numbers too.", slots=[3, 4, 5], poll_size=5)
R("poll", "wecom", "zh", "sunlei", "poll_zh5", "wecom", "周三及以后的都行", "availability",
  "Weekday range: options are listed with 周一…周五 in the quoted poll; '周三及以后' = 3,4,5.",
  slots=[3, 4, 5], poll_size=5, sig="发自我的企业微信")
R("poll", "outlook-zh", "zh", "lixt", "poll_zh5", "outlook_zh", "1 ✔️\n2 ❌\n3 ✔️\n4 ❌\n5 ✔️", "availability",
  "Per-option check/cross marks on separate lines.", slots=[1, 3, 5], poll_size=5, charset="utf-8")
R("poll", "gmail-en", "en", "anna", "poll_en4", "gmail_en", "Any of them works for me.", "availability",
  "'Any of them' = all options.", slots=[1, 2, 3, 4], poll_size=4, sig="Anna")
R("poll", "outlook-en", "en", "sarah", "poll_en4", "outlook_en", "All but 2.", "availability",
  "'All but 2' = every option except 2.", slots=[1, 3, 4], poll_size=4)
R("poll", "gmail-de", "en", "lukas", "poll_en5", "gmail_de",
  "1-3 are fine. 4 and 5 are public holidays here (Heiligabend / Weihnachten).", "availability",
  "Per-option negation by 'public holidays'; range 1-3.", slots=[1, 2, 3], poll_size=5,
  sig="--\nLukas Weber\nKühne Thermotechnik GmbH")
R("poll", "gmail-en", "en", "kelvin", "poll_en4", "gmail_en",
  "2 is impossible (board meeting), the rest is fine.", "availability",
  "'2 is impossible' plus 'the rest'.", slots=[1, 3, 4], poll_size=4)
R("poll", "outlook-tw", "zh-tw", "lin", "poll_en4", "outlook_tw", "選項１和３可以，２那天要飛上海。", "availability",
  "Full-width digits; option 2 excluded by an explanation, 4 not mentioned.", slots=[1, 3], poll_size=4)
R("poll", "apple-mail", "yue", "ho", "poll_zh3", "apple_tw", "2同3都得", "availability",
  "Cantonese '2同3都得' (同 = and, 得 = OK).", slots=[2, 3], poll_size=3, sig="從我的 iPhone 傳送")
R("poll", "yandex-ru", "ru", "dmitry", "poll_en5", "ru_napisal", "Мне подходят варианты 1 и 2.", "availability",
  "Russian answer with numbers.", slots=[1, 2], poll_size=5)
R("poll", "gmail-sv", "en", "erik", "poll_en5", "sv", "Only 1 works; from the 22nd I'm off for Christmas.",
  "availability", "'Only 1'; '22nd' is a date, not an option number.", slots=[1], poll_size=5)
R("poll", "iphone-fr", "fr", "camille", "poll_en5", "apple_fr", "Les créneaux 2 et 3 me conviennent.", "availability",
  "French answer; iPhone tagline.", slots=[2, 3], poll_size=5, sig="Envoyé de mon iPhone")
R("poll", "gmail-es", "es", "javier", "poll_en5", "gmail_es",
  "Me vienen bien la 1, la 2 y la 3; el 24 y el 25 son festivos en España.", "availability",
  "Spanish; '24 y 25' are dates (= options 4 and 5, excluded), not option numbers.", slots=[1, 2, 3], poll_size=5)
R("poll", "gmail-it", "it", "giulia", "poll_en4", "gmail_it", "Per me vanno bene tutte tranne la 4.", "availability",
  "Italian 'all except 4'.", slots=[1, 2, 3], poll_size=4, sig="Giulia")
R("poll", "outlook-nl", "nl", "pieter", "poll_en4", "outlook_nl", "Optie 1 en 4 passen.", "availability",
  "Dutch; Dutch Outlook header Van:/Verzonden:/Aan:/Onderwerp:.", slots=[1, 4], poll_size=4)
R("poll", "thunderbird-pl", "pl", "kasia", "poll_en5", "pl", "Pasuje mi tylko 3.", "availability",
  "Polish, bottom-posted below the quoted poll (whose list 1-5 must not count).", slots=[3], poll_size=5, bottom=True)
R("poll", "foxmail", "zh", "qianf", "poll_zh4", "foxmail", "这几个时间都排不开，9月下旬我在德国。", "availability",
  "None works without 都不行; '9月下旬' is not an option.", slots=[], poll_size=4)
R("poll", "outlook-en", "en", "marco", "poll_en4", "outlook_en", "Sorry, none of these – I'm travelling all week.",
  "availability", "None works.", slots=[], poll_size=4, sig="Marco")
R("poll", "netease", "zh", "huang", "poll_zh4", "netease", "选项二、四可以", "availability",
  "Chinese numerals with the enumeration comma.", slots=[2, 4], poll_size=4)
R("poll", "gmail-zh", "zh", "zhaot", "poll_zh5", "gmail_zh", "除了周五，其他都行", "availability",
  "Exclusion by weekday: 周五 is option 5 in the quoted poll.", slots=[1, 2, 3, 4], poll_size=5)
R("poll", "wecom", "zh", "sunlei", "poll_zh5", "wecom", "周一周二不行，剩下的可以", "availability",
  "Excluded weekdays + 'the rest'.", slots=[3, 4, 5], poll_size=5)
R("poll", "qqmail", "zh", "zhengk", "poll_zh4", "qq", "4可以，其它的待定", "availability",
  "Only the sure option counts; 待定 options are not slots.", slots=[4], poll_size=4, fmt="html")
R("poll", "apple-mail", "zh", "chenlu", "poll_zh3", "apple_zh", "第一个时间最好，第三个也凑合", "availability",
  "Ordinals 第一个/第三个 with preference words.", slots=[1, 3], poll_size=3, sig="发自我的iPhone")
R("poll", "outlook-zh", "zh", "wangjg", "poll_zh3", "outlook_zh", "1和2吧，3看情况", "availability",
  "'3看情况' is uncertain, not counted.", slots=[1, 2], poll_size=3)
R("poll", "wecom", "zh", "sunlei", "poll_zh4", "wecom", "都可以", "availability",
  "'都可以' = all four.", slots=[1, 2, 3, 4], poll_size=4, sig="发自我的企业微信")
R("poll", "huawei", "zh", "wumin", "poll_zh3", "outlook_zh_new", "请问会议时长多久？如果超过两小时我需要调整行程。",
  "question", "Question back before answering the poll.", poll_size=3, sig="发自我的华为手机")
R("poll", "outlook-en", "en", "sarah", "poll_en4", "outlook_en", "3 or 4, preferably 4.", "availability",
  "'3 or 4, preferably 4': both work.", slots=[3, 4], poll_size=4)
R("poll", "gmail-en", "en", "marco", "poll_en4", "gmail_old", "Tuesday and Thursday work for me.", "availability",
  "Weekdays instead of numbers (Tue = 1, Thu = 3); old Gmail header '2026-10-27 09:00 GMT+08:00 Name <addr>:'.",
  slots=[1, 3], poll_size=4, sig="Marco Bianchi\nPlastica Lombarda S.r.l.")
R("poll", "foxmail", "zh", "qianf", "poll_zh4", "foxmail", "都不太确定，回头再说", "unclear",
  "No option is confirmed and none is refused: honest unclear.", poll_size=4)

# ---------------------------------------------------------------- minutes (replies to the confirmation request)

R("minutes", "outlook-zh", "zh", "wangjg", "min_zh_a", "outlook_zh", "周经理：\n\n看过了，没问题。", "ack",
  "Ack without 收到/无异议; salutation line.")
R("minutes", "qqmail", "zh", "zhengk", "min_zh_a", "qq", "OK", "ack", "Bare 'OK' to minutes.", fmt="html")
R("minutes", "gmail-en", "en", "kelvin", "min_en_a", "gmail_en", "Looks right to me.", "ack",
  "English ack without 'confirm/no objection'.")
R("minutes", "outlook-de", "de", "lukas", "min_en_a", "ursprung", "Für uns passt das Protokoll so.", "ack",
  "German ack; '-----Ursprüngliche Nachricht-----' header.", sig=SIG["lukas_de"])
R("minutes", "outlook-fr", "fr", "camille", "min_zh_b", "outlook_fr", "Rien à signaler de notre côté, merci.", "ack",
  "French ack ('nothing to report'); thank-you inside the sentence is body.")
R("minutes", "foxmail", "zh", "chenlu", "min_zh_a", "foxmail",
  "第2条要改一下：热仿真报告会上定的是9月28日前交，不是25日。", "objection",
  "Objection citing a wrong date; quoted minutes contain the original date.")
R("minutes", "netease", "zh", "huang", "min_zh_a", "netease", "收到。第3条的时间应为下周一，不是本周五。", "objection",
  "'收到' followed by a correction = objection.")
R("minutes", "outlook-en", "en", "sarah", "min_en_a", "outlook_en",
  "One correction: item 1 – the split we agreed was 55:45, not 60:40.", "objection",
  "English correction without 'object/disagree'.")
R("minutes", "gmail-de", "en", "lukas", "min_en_a", "gmail_de",
  "Item 4: I can't commit to next Wednesday. We said I would answer after our lab planning on 29 Sep. Please change that.",
  "objection", "Objection to a deadline in an item; German Gmail header.", sig="--\nLukas")
R("minutes", "outlook-tw", "zh-tw", "lin", "min_en_a", "outlook_tw", "已閱，沒問題。", "ack",
  "Traditional Chinese ack, Big5.")
R("minutes", "apple-mail", "yue", "ho", "min_zh_b", "apple_tw", "睇咗，冇問題。", "ack",
  "Cantonese ack (睇咗/冇問題).", sig="從我的 iPhone 傳送")
R("minutes", "outlook-tw", "yue", "kelvin", "min_zh_b", "outlook_tw",
  "第2條唔啱，我哋講好係10月26號前畀接口文件，唔係23號。", "objection",
  "Cantonese objection (唔啱/講好係/畀); signature with names in two scripts.", charset="utf-8",
  sig="陳嘉豪 Kelvin Chan\n港深冷鏈有限公司\nT: +852 3555 0188")
R("minutes", "wecom", "zh", "sunlei", "min_zh_b", "wecom", "同意，按此执行", "ack",
  "Ack with 同意.", sig="发自我的企业微信")
R("minutes", "apple-mail", "zh", "lixt", "min_zh_a", "apple_zh", "内容没问题，辛苦啦", "ack",
  "Ack with a thanks; iPhone.", sig="发自我的iPhone")
R("minutes", "thunderbird", "zh", "qianf", "min_zh_a", "tb_en", "", "objection",
  "Inline reply: the sender's lines between quoted items are the body; the quoted lines are not.",
  body="这条不对，会上最后定的是五五分。 其余没意见。", fmt="plain",
  raw_plain="""On 16/09/2026 17:30, 会议助手 wrote:
> 各位好：
>
> 9月16日协调会纪要如下，请在2个工作日内回复确认；如有异议，请指出条目。
>
> 1. 决议：二期模具由启辰热控负责开模，费用按6:4分摊（恒岳60%，启辰40%）。

这条不对，会上最后定的是五五分。

> 2. 任务：启辰热控于9月25日前提交样件热仿真报告。
> 3. 任务：恒岳汽车质量部于本周五前发出SQA修订稿。
> 4. 疑问：KTT的德国实验室能否在10月底前完成振动测试，由Lukas Weber下周三前答复。
>
> 会议助手

其余没意见。

--\x20
钱芳 启辰热控 模具部
""")
R("minutes", "gmail-it", "it", "giulia", "min_zh_b", "gmail_it", "Tutto ok per noi.", "ack",
  "Italian ack; 'Il giorno … ha scritto:' header.", sig="Cordiali saluti,\nGiulia")
R("minutes", "gmail-es", "es", "javier", "min_en_a", "gmail_es",
  "Una corrección: en el punto 3 el plazo era el lunes, no el viernes.", "objection",
  "Spanish correction.", sig=SIG["javier"])
R("minutes", "outlook-zh", "zh", "zhou", "min_zh_a", "outlook_zh", "我转给法务看一下，看完再回复。", "unclear",
  "Neither ack nor objection yet: unclear.")
R("minutes", "netease", "zh", "wumin", "min_zh_b", "netease", "第1条的“每30秒”是指所有传感器还是只针对冷柜？", "question",
  "Question about an item, not a correction.")
R("minutes", "iphone-ru", "ru", "dmitry", "min_en_a", "ru_napisal", "Замечаний нет.", "ack",
  "Russian 'no remarks'; 'Отправлено с iPhone'.", sig="Отправлено с iPhone")
R("minutes", "gmail-pl", "pl", "kasia", "min_zh_b", "pl", "Bez uwag, dziękuję.", "ack",
  "Polish 'no remarks'.", sig="Katarzyna")
R("minutes", "outlook-nl", "nl", "pieter", "min_zh_b", "outlook_nl",
  "Bij punt 2 klopt de datum niet: afgesproken was 30 oktober, niet 23 oktober.", "objection",
  "Dutch objection.")

# ---------------------------------------------------------------- task

R("task", "outlook-zh", "zh", "chenlu", "task_zh_1", "outlook_zh", "今天弄不完了，明天下班前给你。", "delay",
  "Delay without 延期; sent Fri 2026-09-25 16:20 (中秋 holiday): 明天 = Sat Sep 26 18:00 (calendar day).",
  date=at("2026-09-25 16:20"), new_due="2026-09-26T18:00:00+08:00")
R("task", "qqmail", "zh", "zhengk", "task_zh_1", "qq", "再给我两天，边界条件还在调。", "delay",
  "Delay as '再给我两天' (no date computed: relative to what is unclear, so new_due not labelled).")
R("task", "gmail-en", "en", "sarah", "task_en_1", "gmail_en", "We need 48 more hours – the last batch of measurements is still running.",
  "delay", "Delay in hours: sent 2026-10-29 18:40 +08:00, +48 h.", date=at("2026-10-29 18:40"),
  new_due="2026-10-31T18:40:00+08:00", sig=SIG["sarah"])
R("task", "netease", "zh", "huang", "task_zh_3", "netease", "样品在打包了，明天寄出。", "progress",
  "Progress without %: packing now, shipping tomorrow (not done yet).")
R("task", "wecom", "zh", "sunlei", "task_zh_3", "wecom", "打样完成一半了，其余的周四出。", "progress",
  "Progress with '一半' (percent not labelled).", sig="发自我的企业微信")
R("task", "outlook-zh", "zh", "chenlu", "task_zh_1", "outlook_zh", "目前完成七成左右，剩下边界条件还在跑。", "progress",
  "Percent written as 七成 (= 70).", percent=70, date=at("2026-09-24 11:05"))
R("task", "gmail-en", "en", "kelvin", "task_en_1", "gmail_en", "Roughly two thirds done; the Spanish leg is the missing piece.",
  "progress", "Progress as a fraction (percent not labelled).")
R("task", "outlook-en", "en", "pieter", "task_en_1", "outlook_en", "We're at 80%, the remaining part is the customs codes for dairy.",
  "progress", "Progress with % in 'We're at 80%'.", percent=80)
R("task", "feishu", "zh", "zhaot", "task_zh_2", "feishu", "搞定，文档放在飞书云文档里了：https://yunfan.feishu.example.cn/docx/AbC123",
  "done", "Done as '搞定' with a link; Feishu HTML-only.")
R("task", "outlook-zh", "zh", "chenlu", "task_zh_1", "outlook_zh", "黄经理：\n报告见附件，请查收。", "done",
  "Done by attachment; salutation line.", attach="热仿真报告_V1.pdf", date=at("2026-09-24 17:40"))
R("task", "gmail-fr", "fr", "camille", "task_en_1", "gmail_fr",
  "Bonjour,\n\nVous trouverez ci-joint la check-list douanière pour le tronçon français.", "done",
  "French done ('ci-joint'); 'Le … a écrit :' Gmail header; 'Bien cordialement,' sign-off.",
  sig="Bien cordialement,\nCamille Durand\nLumière Logistique", attach="checklist_douane_FR.pdf")
R("task", "outlook-de", "de", "anna", "task_en_1", "outlook_de", "Hallo,\n\nder Bericht ist fertig und liegt im Anhang.",
  "done", "German done; Von:/Gesendet: header.", attach="Pruefbericht_KTT.pdf")
R("task", "iphone-it", "it", "giulia", "task_en_1", "apple_it", "Fatto, l'ho caricato sul portale stamattina.", "done",
  "Italian 'Fatto'; 'Inviato da iPhone'.", sig="Inviato da iPhone")
R("task", "gmail-es", "es", "javier", "task_en_1", "gmail_es",
  "Necesitamos una semana más; el proveedor de sensores todavía no nos ha enviado los certificados.", "delay",
  "Spanish delay without a date (new_due not labelled).")
R("task", "outlook-tw", "zh-tw", "lin", "task_en_1", "outlook_tw", "因供應商延遲交貨，需延至11月6日前完成，敬請見諒。", "delay",
  "Traditional Chinese delay with a date; sent 2026-10-29.", date=at("2026-10-29 15:00"),
  new_due="2026-11-06T18:00:00+08:00")
R("task", "outlook-tw", "yue", "kelvin", "task_zh_2", "outlook_tw", "今個禮拜應該搞唔掂，下星期三之前畀你得唔得？", "delay",
  "Cantonese delay asked as a question; sent Fri 2026-10-23: 下星期三 = Wed Oct 28.", charset="utf-8",
  date=at("2026-10-23 11:00"), new_due="2026-10-28T18:00:00+08:00",
  sig="陳嘉豪 Kelvin Chan\n港深冷鏈有限公司\nT: +852 3555 0188")
R("task", "wecom", "zh", "sunlei", "task_zh_3", "wecom", "首模还在调，赶不上周五了，下周一给你", "delay",
  "Delay without 延期; sent Thu 2026-12-03: 下周一 = Dec 7.", date=at("2026-12-03 10:00"),
  new_due="2026-12-07T18:00:00+08:00", sig="发自我的企业微信")
R("task", "qqmail", "zh", "zhengk", "task_zh_3", "qq", "10件样件已全部寄出，顺丰单号SF1234567890，请研发中心注意查收。", "done",
  "Done without 完成/已提交: the task is to ship and everything has been shipped.")
R("task", "feishu", "zh", "zhaot", "task_zh_2", "feishu", "已完成60%，西班牙段的数据还没到，周五赶不完，下周二前交。", "delay",
  "Delay with a percent; sent Thu 2026-10-22: 下周二 = Oct 27.", percent=60, date=at("2026-10-22 14:00"),
  new_due="2026-10-27T18:00:00+08:00")
R("task", "gmail-ru", "ru", "dmitry", "task_en_1", "gmail_ru", "Работаем, готово примерно на 70%.", "progress",
  "Russian progress with percent.", percent=70, sig="--\nД. Волков")
R("task", "gmail-sv", "en", "erik", "task_en_1", "sv", "We're on it – data collection is done, writing it up now. Should make Friday.",
  "progress", "Progress although the word 'done' appears (for a sub-step).")
R("task", "wecom", "zh", "sunlei", "task_zh_2", "wecom", "嗯嗯", "unclear", "'嗯嗯' says nothing about the task.",
  sig="发自我的企业微信")
R("task", "gmail-en", "en", "kelvin", "task_en_1", "gmail_en", "Quick question – should the checklist cover Spain too, or only France?",
  "question", "Question back about the scope.", sig=SIG["kelvin"])
R("task", "gmail-pl", "pl", "kasia", "task_en_1", "pl", "Gotowe, plik w załączniku.", "done",
  "Polish done with attachment.", attach="lista_kontrolna.pdf", sig="Katarzyna Nowak\nChłodnia Gdańsk")
R("task", "outlook-nl", "nl", "pieter", "task_en_1", "outlook_nl", "Het document staat klaar in de gedeelde map.", "done",
  "Dutch done.")
R("task", "outlook-en", "en", "sarah", "task_en_1", "outlook_en", "Running late, you'll have it by EOD Monday.", "delay",
  "Delay to a weekday; sent Fri 2026-10-30: Monday of this week is past, so Mon Nov 2 18:00.",
  date=at("2026-10-30 17:00"), new_due="2026-11-02T18:00:00+08:00")
R("task", "outlook-zh", "zh", "chenlu", "task_zh_1", "outlook_zh", "在跑最后一轮仿真，进度正常", "progress",
  "Progress without a number.", date=at("2026-09-24 10:12"))
R("task", "netease", "zh", "wumin", "task_zh_2", "netease", "怕是来不及，月底前交", "delay",
  "Delay without 延期; sent 2026-10-22: 月底前 = last working day of October = Fri Oct 30.",
  date=at("2026-10-22 16:30"), new_due="2026-10-30T18:00:00+08:00")
R("task", "iphone-de", "de", "lukas", "task_en_1", "apple_de", "Schaffen wir leider nicht bis Freitag, realistisch ist der 6. November.",
  "delay", "German delay with a date; Date header +01:00.", date=at("2026-10-29 10:00", 1),
  new_due="2026-11-06T18:00:00+01:00", sig="Von meinem iPhone gesendet")

# ---------------------------------------------------------------- acceptance

R("acceptance", "outlook-zh", "zh", "zhou", "acc_zh_1", "outlook_zh", "没问题，就按这版。", "pass",
  "Pass without 验收通过; the quoted request contains '验收通过'.")
R("acceptance", "gmail-en", "en", "kelvin", "acc_en_1", "gmail_en", "Looks good, approved.", "pass", "English pass.")
R("acceptance", "outlook-en", "en", "sarah", "acc_en_1", "outlook_en", "OK for us, go ahead.", "pass",
  "Pass as 'go ahead'.")
R("acceptance", "apple-mail", "zh", "lixt", "acc_zh_1", "apple_zh", "可以，辛苦了", "pass", "Pass as '可以'.",
  sig="发自我的iPhone")
R("acceptance", "outlook-tw", "zh-tw", "lin", "acc_en_1", "outlook_tw", "確認無誤，同意驗收。", "pass",
  "Traditional pass.")
R("acceptance", "apple-mail", "yue", "ho", "acc_en_1", "apple_tw", "冇問題，收貨。", "pass",
  "Cantonese pass '冇問題' (no-problem contains 冇 = negation).", sig="從我的 iPhone 傳送")
R("acceptance", "gmail-de", "de", "lukas", "acc_zh_1", "gmail_de", "Passt so, von unserer Seite freigegeben.", "pass",
  "German pass.", sig="--\nLukas Weber")
R("acceptance", "iphone-fr", "fr", "camille", "acc_en_1", "apple_fr", "C'est validé pour nous.", "pass",
  "French pass.", sig="Envoyé de mon iPhone")
R("acceptance", "outlook-zh", "zh", "wangjg", "acc_zh_2", "outlook_zh", "验收通过。以后的检测记录建议都附上原始数据。", "pass",
  "A suggestion for later is not a condition.")
R("acceptance", "foxmail", "zh", "zhou", "acc_zh_1", "foxmail", "还得再改改：第12页的温升曲线坐标没标单位。", "reject",
  "Reject without 不通过.")
R("acceptance", "qqmail", "zh", "lixt", "acc_zh_1", "qq", "可以，不过封面的LOGO要换成新版再给我看一下", "reject",
  "'可以，不过…再给我看' = conditional = reject.", fmt="html")
R("acceptance", "gmail-en", "en", "pieter", "acc_en_1", "gmail_en", "Not yet – section 4 still refers to the old sensor model.",
  "reject", "'Not yet' reject.", sig=SIG["pieter"])
R("acceptance", "outlook-zh", "zh", "lixt", "acc_zh_2", "outlook_zh", "10件里有2件平面度超差，这批不收，请重新寄样。", "reject",
  "Reject by '这批不收'.")
R("acceptance", "gmail-es", "es", "javier", "acc_en_1", "gmail_es", "Lo aceptamos siempre que corrijáis la tabla 3.", "reject",
  "Spanish conditional acceptance = reject.", sig=SIG["javier"])
R("acceptance", "outlook-it", "it", "giulia", "acc_en_1", "outlook_it", "Non possiamo approvarlo così: mancano le traduzioni in italiano.",
  "reject", "Italian reject.")
R("acceptance", "yandex-ru", "ru", "dmitry", "acc_en_1", "ru_napisal", "Пока не принимаем: нет протокола испытаний.", "reject",
  "Russian reject.")
R("acceptance", "wecom", "zh", "sunlei", "acc_zh_1", "wecom", "这份是最终版吗？我看文件名还是draft。", "question",
  "Question back before deciding.", sig="发自我的企业微信")
R("acceptance", "netease", "zh", "wumin", "acc_zh_1", "netease", "我看下再说", "unclear", "No decision yet.")


def ics(attendee: str, name: str, partstat: str, uid: str, comment: str = "") -> str:
    lines = ["BEGIN:VCALENDAR", "METHOD:REPLY", "PRODID:Microsoft Exchange Server 2016", "VERSION:2.0",
             "BEGIN:VEVENT", f"ATTENDEE;PARTSTAT={partstat};CN=\"{name}\":mailto:{attendee}",
             "ORGANIZER:mailto:assistant@meetloop.example.com", f"UID:{uid}",
             "DTSTART:20260916T060000Z", "DTEND:20260916T073000Z", "DTSTAMP:20260909T071500Z",
             "SEQUENCE:0", "SUMMARY:Coordination meeting #5"]
    if comment:
        lines.append(f"COMMENT:{comment}")
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines)


# ---------------------------------------------------------------- calendar replies and context 'any'

R("invite", "outlook-de", "de", "anna", None, None, "", "accept",
  "German Outlook calendar reply: empty text body, PARTSTAT=ACCEPTED; subject 'Angenommen:'.",
  sig="", subject="Angenommen: Invitation: liquid-cooling plate project, coordination meeting #5",
  date=at("2026-09-09 09:15", 2), ics=ics(P["anna"][1], "Anna Schmidt", "ACCEPTED", "ml-inv-a-5"))
R("invite", "outlook-en", "en", "marco", None, None,
  "I'll try to join but may be late, we have a customer visit until 14:30.", "tentative",
  "Calendar TENTATIVE reply with a typed comment.", sig="",
  subject="Tentative: Invitation: liquid-cooling plate project, coordination meeting #5",
  date=at("2026-09-09 10:02", 2), ics=ics(P["marco"][1], "Marco Bianchi", "TENTATIVE", "ml-inv-a-5"))
R("any", "gmail-en", "en", "sarah", None, None, "Who do I send the invoices for the test samples to?", "question",
  "Context any: a plain question.", sig=SIG["sarah"], subject="Invoices for test samples",
  date=at("2026-11-02 11:20"))
R("any", "outlook-zh", "zh", "zhaot", None, None, "接口文档已经上传到共享盘了，路径：/冷链平台/接口/v0.9", "done",
  "Context any: a done report with a path.", subject="接口文档", date=at("2026-10-23 17:10"))
R("any", "gmail-fr", "fr", "camille", None, None, "Bonjour,\n\nJe participerai à la réunion du 14 octobre.", "accept",
  "Context any: French accept.", sig="Bonne journée,\nCamille", subject="Réunion du 14 octobre",
  date=at("2026-09-30 10:00", 2))
R("any", "wecom", "zh", "sunlei", None, None, "样件这周出不来，下周三之前给到", "delay",
  "Context any: delay; sent Thu 2026-12-03: 下周三 = Dec 9.", sig="发自我的企业微信",
  subject="样件进度", date=at("2026-12-03 09:40"), new_due="2026-12-09T18:00:00+08:00")

AUTOS: list[dict] = []


def A(ctx: str, client: str, lang: str, who: str, intent: str, subject: str, text: str, note: str, date: dt.datetime,
      **kw) -> None:
    sender = P[who] if who in P else (kw.pop("name", ""), who)
    c = dict(ctx=ctx, client=client, lang=lang, sender=sender, intent=intent, subject=subject, text=text,
             note=note, date=date, **kw)
    c["id"] = f"b1r{len(REPLIES) + len(AUTOS) + 1:03d}"
    AUTOS.append(c)


A("invite", "outlook-de", "de", "lukas", "auto_reply", "Abwesenheitsnotiz: Invitation: liquid-cooling plate project, coordination meeting #5",
  "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 18.09.2026 nicht im Büro und habe keinen Zugriff auf meine E-Mails. In dringenden Fällen wenden Sie sich bitte an Anna Schmidt (anna.schmidt@kuehne-tt.example.de).\n\nLukas Weber\n",
  "German out-of-office ('Abwesenheitsnotiz'); it names a colleague, which is not a delegation.",
  at("2026-09-08 04:01", 2), headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"})
A("minutes", "outlook-fr", "fr", "camille", "auto_reply", "Réponse automatique : Please confirm: minutes of coordination meeting #5 (16 Sep)",
  "Bonjour,\n\nJe suis absente jusqu'au lundi 28 septembre. Pour toute question urgente concernant la douane, merci de contacter Thomas Girard.\n\nCordialement,\nCamille Durand\n",
  "French auto-reply with X-Autoreply header.", at("2026-09-16 11:31", 2), headers={"X-Autoreply": "yes"})
A("task", "outlook-es", "es", "javier", "auto_reply", "Respuesta automática: Reminder: customs checklist for the French leg (due 30 Oct)",
  "Estaré fuera de la oficina hasta el 2 de noviembre con acceso limitado al correo. Responderé a su mensaje a mi regreso.\n",
  "Spanish auto-reply (Auto-Submitted).", at("2026-10-29 02:00", 1), headers={"Auto-Submitted": "auto-replied"})
A("poll", "gmail-it", "it", "giulia", "auto_reply", "Risposta automatica: Scheduling poll: tooling review, liquid-cooling plate phase 2",
  "Sono in ferie fino al 4 novembre. Per urgenze scrivere a qualita@caseificio-vt.example.it.\n",
  "Italian vacation responder (Gmail style: Auto-Submitted + subject).", at("2026-10-27 02:03", 1),
  headers={"Auto-Submitted": "auto-replied", "Precedence": "bulk"})
A("acceptance", "yandex-ru", "ru", "dmitry", "auto_reply", "Автоматический ответ: Acceptance request: sensor integration guide v1.1",
  "Здравствуйте! Я в командировке до 5 ноября, ответ может задержаться.\n",
  "Russian auto-reply.", at("2026-10-28 05:00", 3), headers={"Auto-Submitted": "auto-replied"})
A("invite", "outlook-tw", "zh-tw", "lin", "auto_reply", "自動回覆: 會議邀請：跨境冷鏈數據平台項目啟動會（10月14日 10:00）",
  "您好，本人10月5日至10月9日休假，期間無法即時回覆郵件，急事請聯繫業務部分機 172。\n",
  "Traditional Chinese auto-reply, subject '自動回覆:' only (plus Exchange header).", at("2026-09-29 09:31"),
  headers={"X-Auto-Response-Suppress": "All", "Auto-Submitted": "auto-generated"})
A("any", "outlook-nl", "nl", "pieter", "auto_reply", "Automatisch antwoord: Factuur",
  "Ik ben afwezig tot en met 13 november. Uw e-mail wordt niet doorgestuurd.\n",
  "Dutch auto-reply identified by X-Autorespond.", at("2026-11-04 10:00", 1), headers={"X-Autorespond": "yes"})
A("poll", "gmail-sv", "sv", "erik", "auto_reply", "Frånvaro: Scheduling poll: cold-chain platform, year-end review",
  "Hej! Jag är ledig till och med 6 januari och läser inte min e-post. Vid brådskande ärenden, kontakta logistik@nordkyl.example.se.\n",
  "Swedish auto-reply with Precedence: auto_reply.", at("2026-12-10 02:01", 1), headers={"Precedence": "auto_reply"})
A("invite", "exchange-ndr-de", "de", "postmaster@kuehne-tt.example.de", "bounce",
  "Unzustellbar: Invitation: liquid-cooling plate project, coordination meeting #5",
  "Ihre Nachricht konnte an folgende Empfänger nicht übermittelt werden:\n\nj.becker@kuehne-tt.example.de\nDie E-Mail-Adresse wurde nicht gefunden.\n",
  "German Exchange NDR (multipart/report); the failed address is in the DSN part.", at("2026-09-08 04:02", 2),
  name="Microsoft Outlook", failed_recipient="j.becker@kuehne-tt.example.de",
  dsn="Reporting-MTA: dns;mx1.kuehne-tt.example.de\n\nFinal-Recipient: rfc822;j.becker@kuehne-tt.example.de\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found\n",
  orig_headers="From: Meeting Assistant <assistant@meetloop.example.com>\nTo: j.becker@kuehne-tt.example.de\nSubject: Invitation: liquid-cooling plate project, coordination meeting #5\n")
A("poll", "postfix-fr", "fr", "MAILER-DAEMON@mx.lumiere-log.example.fr", "bounce",
  "Non remis : Scheduling poll: cold-chain platform, year-end review",
  "Votre message n'a pas pu être remis au destinataire suivant :\n\n<t.girard@lumiere-log.example.fr> : boîte aux lettres pleine\n",
  "French bounce from MAILER-DAEMON, mailbox full.", at("2026-12-10 02:05", 1),
  name="Mail Delivery System", failed_recipient="t.girard@lumiere-log.example.fr",
  dsn="Reporting-MTA: dns; mx.lumiere-log.example.fr\n\nFinal-Recipient: rfc822; t.girard@lumiere-log.example.fr\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n",
  orig_headers="From: Meeting Assistant <assistant@meetloop.example.com>\nTo: t.girard@lumiere-log.example.fr\nSubject: Scheduling poll: cold-chain platform, year-end review\n")

# ---------------------------------------------------------------- minutes

MINUTES: list[dict] = []


def M(client: str, lang: str, who: str, end: str, subject: str, text: str, items: list[tuple], note: str,
      **kw) -> None:
    anchor = dt.datetime.fromisoformat(end)
    c = dict(client=client, lang=lang, sender=P[who], end=end, subject=subject, text=text, items=items,
             note=note, **kw)
    c.setdefault("date", anchor + dt.timedelta(minutes=47))
    c["id"] = f"b1m{len(MINUTES) + 1:03d}"
    MINUTES.append(c)


def word_table(intro: list[str], header: list[str], rows: list[list[str]], outro: list[str], charset: str) -> str:
    cell = "border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt"
    out = [f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>'
           '<body lang="ZH-CN"><div class="WordSection1">']
    out += [f'<p class="MsoNormal">{html.escape(x) if x else "&nbsp;"}<o:p></o:p></p>' for x in intro]
    out.append('<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">')
    out.append("<tr>" + "".join(f'<td style="{cell};background:#D9E2F3"><p class="MsoNormal"><b>{html.escape(h)}</b></p></td>'
                                for h in header) + "</tr>")
    for r in rows:
        out.append("<tr>" + "".join(f'<td style="{cell}"><p class="MsoNormal">{html.escape(x)}</p></td>' for x in r) + "</tr>")
    out.append("</table>")
    out += [f'<p class="MsoNormal">{html.escape(x) if x else "&nbsp;"}<o:p></o:p></p>' for x in outro]
    out.append("</div></body></html>")
    return "\n".join(out)


M("outlook-zh", "zh", "zhou", "2026-09-16T15:30:00+08:00", "液冷板第5次协调会纪要",
  """各位：

今天协调会的纪要整理如下，请助手登记跟踪。

1. 样件热仿真报告提交，负责人：陈露，完成时间：9月25日
2. SQA修订稿发出，负责人：李晓彤，完成时间：本周五
3. 二期模具开模排期，负责人：钱芳，完成时间：下周三
4. 振动测试可行性确认，负责人：Lukas Weber，完成时间：3个工作日内

周振华 Zhou Zhenhua
项目部 | 苏州恒岳汽车科技有限公司
Tel: 0512-6555-0100""",
  [("task", "样件热仿真报告", "陈露", "2026-09-25T18:00:00+08:00"),
   ("task", "SQA修订稿", "李晓彤", "2026-09-18T18:00:00+08:00"),
   ("task", "二期模具开模排期", "钱芳", "2026-09-23T18:00:00+08:00"),
   ("task", "振动测试可行性", "Lukas Weber", "2026-09-20T18:00:00+08:00")],
  "Numbered lines '事项，负责人：X，完成时间：Y' with no 任务: label. Anchor Wed 2026-09-16 15:30. 本周五 = Sep 18; 下周三 = Sep 23; 3个工作日内: Sep 17 (1), Sep 18 (2), Sun Sep 20 is a 国庆 make-up working day (3) -> Sep 20 18:00.")
M("foxmail", "zh", "lixt", "2026-09-22T11:00:00+08:00", "SQA专题会纪要（9月22日上午）",
  """SQA专题会纪要（9月22日上午）

会上确认：
- SQA第7章“变更管理”采用恒岳版本，启辰不再另提修改。
- 李晓彤负责把双方意见合并成终稿，9月30日前完成。
- 钱芳负责补充模具保养记录模板，10月9日前交。
- 黄志强负责安排启辰质量负责人与恒岳SQE的现场对接，本周内完成。

李晓彤
恒岳汽车 质量部 SQE""",
  [("decision", "变更管理", None, None),
   ("task", "合并成终稿", "李晓彤", "2026-09-30T18:00:00+08:00"),
   ("task", "模具保养记录模板", "钱芳", "2026-10-09T18:00:00+08:00"),
   ("task", "现场对接", "黄志强", "2026-09-24T18:00:00+08:00")],
  "Lines 'X负责…，DATE前完成' (owner first, verb 负责). Anchor Tue 2026-09-22 11:00. 本周内 = last working day of Sep 21-27: Fri Sep 25 is 中秋 (holiday), weekend off -> Thu Sep 24.")
M("feishu", "zh", "zhaot", "2026-10-14T12:00:00+08:00", "冷链数据平台启动会要点",
  """10月14日启动会，要点如下：
• 温度上报频率统一为每5分钟一次，异常时每30秒一次（决议）
• 港深冷链：10月23日前提供接口文档初稿
• Lumière Logistique：10月30日前提供法国段清关清单
• 西班牙段是否沿用现有GPS设备？Frigoríficos Ibéricos 下周五前答复
• 双周例会固定在周三上午10点

赵婷 Zhao Ting
云帆数科 | 数据平台部""",
  [("decision", "每5分钟一次", None, None),
   ("task", "接口文档初稿", "港深冷链", "2026-10-23T18:00:00+08:00"),
   ("task", "法国段清关清单", "Lumière Logistique", "2026-10-30T18:00:00+08:00"),
   ("question", "沿用现有GPS设备", "Frigoríficos Ibéricos", "2026-10-23T18:00:00+08:00"),
   ("decision", "双周例会固定在周三上午10点", None, None)],
  "'要点如下：' then • bullets, kinds implied (a '（决议）' tag, a question mark, 'Party：' prefixes). Feishu HTML-only. Anchor Wed 2026-10-14: 下周五 = Oct 23. '10点' in a decision is not a deadline.",
  fmt="html")
M("gmail-de", "en", "lukas", "2026-09-17T10:00:00+02:00", "Notes: vibration test call with KTT (17 Sep)",
  """Hi all,

Notes from today's call with KTT (17 Sep):

- Decision: the vibration test will run in week 42 at KTT.
- AI: the lab to send the test plan by next Fri.
- AI: Mr. Kwok to confirm sample quantities by tomorrow.
- AI: Qichen to ship 6 samples to Stuttgart within 5 business days.
- Open: who pays for the return shipping? Hengyue to answer.

Thanks,
Lukas""",
  [("decision", "week 42", None, None),
   ("task", "send the test plan", "the lab", "2026-09-25T18:00:00+02:00"),
   ("task", "confirm sample quantities", "Mr. Kwok", "2026-09-18T18:00:00+02:00"),
   ("task", "ship 6 samples to Stuttgart", "Qichen", "2026-09-23T18:00:00+02:00"),
   ("question", "return shipping", "Hengyue", None)],
  "English 'AI:' action items, owner 'Mr. Kwok' and 'the lab'. Anchor Thu 2026-09-17 10:00 +02:00. next Fri = Sep 25 (Chinese holiday, but a named weekday is taken as written); tomorrow = Sep 18; 5 business days on the default (mainland China) calendar: Sep 18 (1), Sun Sep 20 make-up (2), Sep 21, 22, 23 -> Sep 23 18:00 +02:00.")
M("outlook-en", "en", "sarah", "2026-10-21T17:00:00+08:00", "Minutes - cold-chain platform weekly call, 21 Oct",
  """Minutes – cold-chain data platform, weekly call, 21 October

Present: Kelvin Chan, Sarah Ng, Camille Durand, Javier Morales

We agreed that sensor data older than 24 months will be archived, not deleted. The lab will send the calibration certificates for all 40 loggers by 30 October. Sarah will circulate the revised milestone plan tomorrow. Javier will check with the Valencia warehouse about hosting a gateway and report back by end of week. It is not yet clear whether the French customs broker needs read access to the platform.

Sarah Ng
Project Manager, Gangshen Cold Chain Ltd.""",
  [("decision", "archived, not deleted", None, None),
   ("task", "calibration certificates", "The lab", "2026-10-30T18:00:00+08:00"),
   ("task", "revised milestone plan", "Sarah", "2026-10-22T18:00:00+08:00"),
   ("task", "Valencia warehouse", "Javier", "2026-10-23T18:00:00+08:00"),
   ("question", "read access", None, None)],
  "Prose minutes, one paragraph, no headings. Anchor Wed 2026-10-21 17:00. tomorrow = Oct 22; end of week = last working day of Oct 19-25 = Fri Oct 23. '24 months' is not a deadline.")
M("wecom", "zh", "sunlei", "2026-11-02T16:00:00+08:00", "首模方案评审会记录",
  """各位好，今天下午评审会的情况简单记一下：

大家看了首模方案，同意采用双进水口的流道设计，不再做单进水口的对比。钱芳在10天内把修改后的模具图纸发给恒岳确认。首模样件10件，12月4日前寄到恒岳研发中心，由黄志强负责跟进。样件的检测标准用哪一版，会上没有结论，李晓彤会后和质量部商量，本周五前答复。

孙磊 记录""",
  [("decision", "双进水口的流道设计", None, None),
   ("task", "修改后的模具图纸", "钱芳", "2026-11-12T18:00:00+08:00"),
   ("task", "首模样件10件", "黄志强", "2026-12-04T18:00:00+08:00"),
   ("question", "检测标准用哪一版", "李晓彤", "2026-11-06T18:00:00+08:00")],
  "Chinese prose, no headings, no labels; owner after the deadline ('…前寄到…，由黄志强负责跟进'). Anchor Mon 2026-11-02 16:00: 10天内 = Nov 12 18:00; 本周五 = Nov 6.")
M("outlook-zh", "zh", "zhou", "2026-09-22T16:00:00+08:00", "SQA专题会（9/22下午）纪要",
  """SQA专题会（9/22下午）纪要

决议
1. SQA附件三的抽检比例按AQL 1.0执行。

行动项
1. 9月30日前完成SQA终稿 —— 李晓彤
2. 下周一前提供两家备选电镀厂的资质文件 —— 启辰热控采购部
3. 明天把会议录音上传到共享盘 —— 周振华

待确认
1. 电镀层厚度检测是否委托第三方？（恒岳质量部，10月9日前）

周振华
项目部 | 苏州恒岳汽车科技有限公司""",
  [("decision", "AQL 1.0", None, None),
   ("task", "SQA终稿", "李晓彤", "2026-09-30T18:00:00+08:00"),
   ("task", "备选电镀厂的资质文件", "启辰热控采购部", "2026-09-28T18:00:00+08:00"),
   ("task", "会议录音上传到共享盘", "周振华", "2026-09-23T18:00:00+08:00"),
   ("question", "电镀层厚度检测", "恒岳质量部", "2026-10-09T18:00:00+08:00")],
  "Owner written AFTER the item ('—— 李晓彤') and in brackets with the deadline; headings without 一、. Anchor Tue 2026-09-22 16:00: 下周一 = Sep 28; 明天 = Sep 23.")
M("outlook-zh", "zh", "zhou", "2026-09-30T11:00:00+08:00", "国庆前协调会纪要（9月30日）",
  """各位好：

国庆前协调会纪要如下（表格）：

事项	类型	负责人	截止
国庆期间实验室停机检修，10月8日恢复	决议	—	—
液冷板二期图纸冻结	任务	钱芳	5个工作日内
供应商节后复工确认	任务	王建国	10月8日前
节后首次例会时间	疑问	周振华	本周内
样件运输保险办理	任务	黄志强	24小时内

祝大家节日快乐！""",
  [("decision", "停机检修", None, None),
   ("task", "图纸冻结", "钱芳", "2026-10-13T18:00:00+08:00"),
   ("task", "复工确认", "王建国", "2026-10-08T18:00:00+08:00"),
   ("question", "节后首次例会", "周振华", "2026-09-30T18:00:00+08:00"),
   ("task", "运输保险", "黄志强", "2026-10-01T11:00:00+08:00")],
  "Word HTML table (plain part tab-separated). Anchor Wed 2026-09-30 11:00, eve of 国庆: 5个工作日内 = Oct 8, 9, Sat Oct 10 (make-up), Oct 12, Oct 13 -> Oct 13 18:00; 本周内 = last working day of Sep 28-Oct 4 = Sep 30 itself; 24小时内 = Oct 1 11:00. The decision's '10月8日' is not a deadline; '祝大家节日快乐！' is not an item.",
  html=word_table(["各位好：", "", "国庆前协调会纪要如下（表格）："], ["事项", "类型", "负责人", "截止"],
                  [["国庆期间实验室停机检修，10月8日恢复", "决议", "—", "—"],
                   ["液冷板二期图纸冻结", "任务", "钱芳", "5个工作日内"],
                   ["供应商节后复工确认", "任务", "王建国", "10月8日前"],
                   ["节后首次例会时间", "疑问", "周振华", "本周内"],
                   ["样件运输保险办理", "任务", "黄志强", "24小时内"]], ["", "祝大家节日快乐！"], "gb2312"))
M("outlook-en", "en", "marco", "2026-11-04T17:30:00+08:00", "Tooling review (4 Nov) - minutes",
  """Dear all,

Minutes of today's tooling review:

Decisions
- Phase-2 tooling goes ahead with the dual-inlet design.

Action items
- Send updated drawings – Qian Fang – by 11 Nov
- Book the vibration test slot at KTT (Lukas Weber), this Friday
- Circulate the cost split proposal within 2 working days — Hengyue finance

Open questions
- Do we need a second tool for the 2027 volumes?

Kind regards,
Marco Bianchi""",
  [("decision", "dual-inlet design", None, None),
   ("task", "Send updated drawings", "Qian Fang", "2026-11-11T18:00:00+08:00"),
   ("task", "vibration test slot", "Lukas Weber", "2026-11-06T18:00:00+08:00"),
   ("task", "cost split proposal", "Hengyue finance", "2026-11-06T18:00:00+08:00"),
   ("question", "second tool for the 2027 volumes", None, None)],
  "English headings, owners after dashes or in brackets. Anchor Wed 2026-11-04 17:30: by 11 Nov; this Friday = Nov 6; 2 working days = Nov 5, Nov 6. '2027' is not a deadline.")
M("gmail-en", "en", "kelvin", "2026-10-22T15:00:00+08:00", "Fwd: Notes - pilot sync 22 Oct",
  """Forwarding Sarah's notes for tracking.

---------- Forwarded message ---------
From: Sarah Ng <sarah.ng@gangshen-cc.example.hk>
Date: Thu, Oct 22, 2026 at 3:05 PM
Subject: Notes - pilot sync 22 Oct
To: Kelvin Chan <kelvin.chan@gangshen-cc.example.hk>

Decisions
1. Gateway firmware v2.3 is frozen for the pilot.
Actions
1. Kelvin to set up the staging server by next Tuesday.
2. Camille to send the customs broker's contact by EOD.
Questions
1. Is the pilot extended to Bilbao? Javier to confirm by 30 Oct.

Sarah""",
  [("decision", "v2.3", None, None),
   ("task", "staging server", "Kelvin", "2026-10-27T18:00:00+08:00"),
   ("task", "customs broker's contact", "Camille", "2026-10-22T18:00:00+08:00"),
   ("question", "Bilbao", "Javier", "2026-10-30T18:00:00+08:00")],
  "Gmail forward: the forwarded part is the content. Anchor Thu 2026-10-22 15:00: next Tuesday = Oct 27; EOD = Oct 22 18:00; 30 Oct.",
  date=at("2026-10-22 15:20"))
M("qqmail", "zh", "sarah", "2026-12-11T17:30:00+08:00", "冷链平台第二次月度例会纪要",
  """1、年终复盘会定在12月23日，线上开。
2、各方在12月18日前把年度数据报给港深冷链，负责人：各方接口人
3、港深冷链汇总后出年度报告初稿，截止12月21日17:00，负责人：Sarah Ng
4、2027年是否续签传感器租赁合同，待定，下次会议讨论""",
  [("decision", "年终复盘会定在12月23日", None, None),
   ("task", "年度数据", "各方接口人", "2026-12-18T18:00:00+08:00"),
   ("task", "年度报告初稿", "Sarah Ng", "2026-12-21T17:00:00+08:00"),
   ("question", "续签传感器租赁合同", None, None)],
  "QQ HTML-only, GB18030; '1、' numbering with no headings, 负责人 at the end; '截止12月21日17:00' with a time. The decision's date is an event date.",
  fmt="html")
M("outlook-tw", "zh-tw", "lin", "2026-10-15T11:30:00+08:00", "宏碩 × 港深 對接會議紀錄（10/15）",
  """各位好：

10/15 宏碩 × 港深 對接會議紀錄如下：

一、決議
1. 冷藏櫃溫度探頭統一採用宏碩 TP-200 型號。

二、待辦
1. 宏碩精密於10月23日前提供TP-200規格書及報價。
2. 港深冷鏈於下週三前確認首批採購數量（100或200支）。
3. 林志偉於2個工作日內安排樣品寄送。

三、待釐清
1. 探頭校正是否需要第三方證書，由港深冷鏈品質部回覆。

林志偉 Lin Chih-Wei
宏碩精密工業股份有限公司 業務部""",
  [("decision", "TP-200 型號", None, None),
   ("task", "規格書及報價", "宏碩精密", "2026-10-23T18:00:00+08:00"),
   ("task", "首批採購數量", "港深冷鏈", "2026-10-21T18:00:00+08:00"),
   ("task", "樣品寄送", "林志偉", "2026-10-19T18:00:00+08:00"),
   ("question", "第三方證書", "港深冷鏈品質部", None)],
  "Traditional Chinese (Big5) headings 決議/待辦/待釐清, 於…前 form. Anchor Thu 2026-10-15: 下週三 = Oct 21; 2個工作日內 = Oct 16, Oct 19 -> Oct 19 18:00.")
M("wecom", "zh", "zhaot", "2026-12-07T15:00:00+08:00", "数据平台周会要点",
  """会议要点：
① 决定：一月份起周报改为双周报。
② 赵婷负责更新周报模板，明天完成。
③ 孙磊12月15日15:00前把服务器迁移方案发群里。
④ 待定：是否邀请西班牙方参加下次评审。

发自我的企业微信""",
  [("decision", "双周报", None, None),
   ("task", "周报模板", "赵婷", "2026-12-08T18:00:00+08:00"),
   ("task", "服务器迁移方案", "孙磊", "2026-12-15T15:00:00+08:00"),
   ("question", "西班牙方", None, None)],
  "Circled numbers ①②; '待定：' marks a question; WeCom tagline. Anchor Mon 2026-12-07: 明天 = Dec 8; '12月15日15:00前' keeps the time.")
M("feishu", "zh", "zhaot", "2026-10-28T10:30:00+08:00", "接口评审 Action items",
  """Action items:
- 赵婷：整理接口错误码清单 — due Oct 30
- Kelvin Chan: finalize the SLA draft — due next Monday
Decision: 错误码采用HTTP状态码+业务码两级。""",
  [("task", "错误码清单", "赵婷", "2026-10-30T18:00:00+08:00"),
   ("task", "SLA draft", "Kelvin Chan", "2026-11-02T18:00:00+08:00"),
   ("decision", "两级", None, None)],
  "Mixed Chinese/English in one list, decision after the actions. Anchor Wed 2026-10-28: Oct 30; next Monday = Nov 2.",
  fmt="html")
M("yandex-ru", "en", "dmitry", "2026-11-12T14:00:00+03:00", "Summary: St Petersburg hub meeting",
  """Summary of today's meeting:
1) Decision: St Petersburg hub joins the pilot from January.
2) SevTrans will install 12 gateways by 25 December.
3) Dmitry Volkov to send the customs declaration sample within 3 days.
4) Question: are Russian-language dashboards needed? Owner: Kelvin Chan, by next Wednesday.

С уважением,
Дмитрий Волков""",
  [("decision", "joins the pilot from January", None, None),
   ("task", "install 12 gateways", "SevTrans", "2026-12-25T18:00:00+03:00"),
   ("task", "customs declaration sample", "Dmitry Volkov", "2026-11-15T18:00:00+03:00"),
   ("question", "Russian-language dashboards", "Kelvin Chan", "2026-11-18T18:00:00+03:00")],
  "English minutes with '1)' numbering and a Russian sign-off; anchor +03:00 Thu 2026-11-12: within 3 days = Nov 15 18:00; next Wednesday = Nov 18; by 25 December.")
M("netease", "zh", "wumin", "2026-12-04T17:00:00+08:00", "白皮书沟通会",
  """今天的沟通会确认了三件事：
一是联合白皮书只出中文版，不做英文版；
二是发布会放在1月中旬，具体日期另定；
三是白皮书署名按甲乙丙顺序。
另外，吴敏下周三前把宣传稿初稿发出来。

吴敏
云帆数科 市场部""",
  [("decision", "只出中文版", None, None),
   ("decision", "发布会放在1月中旬", None, None),
   ("decision", "署名按甲乙丙顺序", None, None),
   ("task", "宣传稿初稿", "吴敏", "2026-12-09T18:00:00+08:00")],
  "Decisions enumerated as 一是/二是/三是 with no owner; one task. Anchor Fri 2026-12-04: 下周三 = Dec 9.")
M("foxmail", "zh", "huang", "2026-06-18T16:00:00+08:00", "返修问题沟通纪要（端午前）",
  """【决定】端午后第一周恢复双周例会。
【行动】黄志强 2个工作日内 提交返修计划
【行动】陈露 6月24日前 补做高温工况仿真
【问题】返修费用谁承担？需王建国本周内答复

黄志强
项目经理
启辰热控（常州）有限公司""",
  [("decision", "恢复双周例会", None, None),
   ("task", "返修计划", "黄志强", "2026-06-23T18:00:00+08:00"),
   ("task", "高温工况仿真", "陈露", "2026-06-24T18:00:00+08:00"),
   ("question", "返修费用谁承担", "王建国", "2026-06-18T18:00:00+08:00")],
  "Bracketed labels 【决定】【行动】【问题】, owner then deadline then item. Anchor Thu 2026-06-18 16:00 before 端午 (Jun 19-21 off, no make-up day): 2个工作日内 = Jun 22, Jun 23; 本周内 = last working day of Jun 15-21 = Jun 18 itself.")
M("outlook-zh", "zh", "zhou", "2026-04-29T10:00:00+08:00", "台架改造沟通会纪要（4月29日）",
  """各位好：

4月29日台架改造沟通会纪要如下：

决议：五一期间暂停现场测试；
任务：启辰热控*5个工作日内提交测试台架改造方案；
任务：恒岳采购部*月底前完成台架改造的询价；
疑问：五一后测试人员是否需要增加，由周振华*下周一前答复。

周振华""",
  [("decision", "暂停现场测试", None, None),
   ("task", "测试台架改造方案", "启辰热控", "2026-05-09T18:00:00+08:00"),
   ("task", "询价", "恒岳采购部", "2026-04-30T18:00:00+08:00"),
   ("question", "测试人员是否需要增加", "周振华", "2026-05-04T18:00:00+08:00")],
  "Guide form across 劳动节. Anchor Wed 2026-04-29 10:00: 5个工作日内 = Apr 30, May 6, 7, 8, Sat May 9 (make-up) -> May 9 18:00; 月底前 = Apr 30; 下周一 = May 4 (a holiday, but a named weekday is taken as written).")
M("outlook-en", "en", "sarah", "2026-02-12T15:00:00+08:00", "Minutes: pre-CNY logistics call (12 Feb)",
  """Hi all,

Minutes of today's call:

Action items
1. Qichen Thermal: send the packing list within 3 working days.
2. Hengyue purchasing: confirm the PO by 27 Feb.
3. Zhou Zhenhua: share the holiday duty roster tomorrow.

Decisions
1. No deliveries between 15 and 23 February.

Open questions
1. Can KTT receive samples during Chinese New Year? (Lukas Weber)

Best regards,
Sarah""",
  [("task", "packing list", "Qichen Thermal", "2026-02-24T18:00:00+08:00"),
   ("task", "confirm the PO", "Hengyue purchasing", "2026-02-27T18:00:00+08:00"),
   ("task", "duty roster", "Zhou Zhenhua", "2026-02-13T18:00:00+08:00"),
   ("decision", "No deliveries between 15 and 23 February", None, None),
   ("question", "Chinese New Year", "Lukas Weber", None)],
  "Spring Festival. Anchor Thu 2026-02-12 15:00: 3 working days = Fri Feb 13, Sat Feb 14 (make-up), then Feb 15-23 off, Tue Feb 24 -> Feb 24 18:00; tomorrow = Feb 13. Decision dates are not deadlines; question owner in brackets.")
M("netease", "zh", "wangjg", "2026-12-29T16:00:00+08:00", "年终协调会纪要",
  """年终协调会纪要：

一、决议
1. 2027年年会由恒岳与启辰合办。

二、任务
1. 财务部12月31日前发出年度对账单。
2. 启辰热控1月8日前提交春节排产计划。

三、疑问
1. 2027年框架协议是否调整价格条款，王建国下周一前给出意见。

王建国
采购总监 | 恒岳汽车""",
  [("decision", "年会由恒岳与启辰合办", None, None),
   ("task", "年度对账单", "财务部", "2026-12-31T18:00:00+08:00"),
   ("task", "春节排产计划", "启辰热控", "2027-01-08T18:00:00+08:00"),
   ("question", "价格条款", "王建国", "2027-01-04T18:00:00+08:00")],
  "Year end. Anchor Tue 2026-12-29: '1月8日前' -> the first such date on or after the anchor is in 2027; 下周一 = Mon 2027-01-04 (a named weekday, no calendar needed). No working-day rule is used, so the unknown 2027 schedule does not matter.")
M("gmail-es", "en", "javier", "2026-11-18T10:00:00+01:00", "Minutes 18 Nov - pilot dashboard",
  """Hi all, minutes below (table).

# | Item | Type | Owner | Due
1 | Pilot dashboard goes live on 1 Dec | Decision | – | –
2 | Translate the alarm texts into Spanish | Action | Javier | Friday
3 | Confirm the gateway SIM provider | Action | Kelvin Chan | 24 Nov
4 | Data protection review for the French leg | Question | Camille | within 5 working days

Un saludo,
Javier""",
  [("decision", "Pilot dashboard goes live", None, None),
   ("task", "alarm texts", "Javier", "2026-11-20T18:00:00+01:00"),
   ("task", "SIM provider", "Kelvin Chan", "2026-11-24T18:00:00+01:00"),
   ("question", "Data protection review", "Camille", "2026-11-25T18:00:00+01:00")],
  "HTML table from Gmail (plain part with '|' columns). Anchor Wed 2026-11-18 10:00 +01:00: Friday = Nov 20; 24 Nov; 5 working days = Nov 19, 20, 23, 24, 25. '1 Dec' in the decision is not a deadline.",
  html="""<div dir="ltr">Hi all, minutes below (table).<br><br><table border="1" cellpadding="4" style="border-collapse:collapse">
<tr><th>#</th><th>Item</th><th>Type</th><th>Owner</th><th>Due</th></tr>
<tr><td>1</td><td>Pilot dashboard goes live on 1 Dec</td><td>Decision</td><td>–</td><td>–</td></tr>
<tr><td>2</td><td>Translate the alarm texts into Spanish</td><td>Action</td><td>Javier</td><td>Friday</td></tr>
<tr><td>3</td><td>Confirm the gateway SIM provider</td><td>Action</td><td>Kelvin Chan</td><td>24 Nov</td></tr>
<tr><td>4</td><td>Data protection review for the French leg</td><td>Question</td><td>Camille</td><td>within 5 working days</td></tr>
</table><br>Un saludo,<br>Javier</div>""")
M("outlook-nl", "en", "pieter", "2026-10-07T15:00:00+02:00", "Action points EU hub call 7 Oct",
  """All,

Action points from today:

DECISION – Rotterdam is the EU entry hub for the pilot.
ACTION Pieter – check reefer plug capacity at Maasvlakte – by 9 Oct
ACTION Erik – send the Gothenburg volumes – within 2 business days
OPEN – Do we need customs bonded storage?

Met vriendelijke groet,
Pieter de Vries""",
  [("decision", "EU entry hub", None, None),
   ("task", "reefer plug capacity", "Pieter", "2026-10-09T18:00:00+02:00"),
   ("task", "Gothenburg volumes", "Erik", "2026-10-09T18:00:00+02:00"),
   ("question", "customs bonded storage", None, None)],
  "Upper-case DECISION/ACTION/OPEN prefixes with owners between dashes. Anchor Wed 2026-10-07 15:00 +02:00 (a Chinese holiday): 2 business days on the default calendar = Thu Oct 8, Fri Oct 9.")
M("outlook-zh", "zh", "lixt", "2026-11-19T11:00:00+08:00", "T1试模准备会纪要",
  """会议决定：T1试模在启辰常州工厂进行。

序号  事项                          责任人      截止
1     确认二期模具T1试模日期          钱芳        11月24日
2     样件检测报告模板统一            李晓彤      下周五
3     更新项目甘特图                  周振华      今天

李晓彤
恒岳汽车 质量部 SQE""",
  [("decision", "启辰常州工厂", None, None),
   ("task", "T1试模日期", "钱芳", "2026-11-24T18:00:00+08:00"),
   ("task", "检测报告模板统一", "李晓彤", "2026-11-27T18:00:00+08:00"),
   ("task", "项目甘特图", "周振华", "2026-11-19T18:00:00+08:00")],
  "Space-aligned plain-text table with 责任人 column. Anchor Thu 2026-11-19 11:00: 下周五 = Nov 27; 今天 = Nov 19 18:00.")
M("outlook-zh", "zh", "zhou", "2026-09-28T18:30:00+08:00", "调价机制沟通会纪要",
  """各位：

今天调价机制沟通会纪要如下。

一、决议事项
1. 甲乙双方同意液冷板单价按季度调整。

二、待办事项
1. 乙方会后当天发出调价公式说明。
2. 甲方采购部明天确认首季度基准价。
3. 乙方在2个工作日内提交成本构成表。

周振华""",
  [("decision", "按季度调整", None, None),
   ("task", "调价公式说明", "乙方", "2026-09-28T23:59:00+08:00"),
   ("task", "首季度基准价", "甲方采购部", "2026-09-29T18:00:00+08:00"),
   ("task", "成本构成表", "乙方", "2026-09-30T18:00:00+08:00")],
  "Owners are parties (甲方/乙方). Anchor Mon 2026-09-28 18:30, past 18:00: 会后当天 = 23:59 Sep 28; 明天 = Sep 29; 2个工作日内 = Sep 29, Sep 30.")
M("apple-mail", "zh", "huang", "2026-12-01T20:00:00+08:00", "电话会记录",
  """刚开完电话会，记一下：
1.黄志强下周二前把首模寄出
2.李晓彤今天把检测项目清单发群里
3.寄送地址是否改为上海实验室，待周振华确认

发自我的iPhone""",
  [("task", "首模寄出", "黄志强", "2026-12-08T18:00:00+08:00"),
   ("task", "检测项目清单", "李晓彤", "2026-12-01T23:59:00+08:00"),
   ("question", "上海实验室", "周振华", None)],
  "iPhone minutes, '1.' without space, owners inside the sentence. Anchor Tue 2026-12-01 20:00 (evening): 下周二 = Dec 8; 今天 = 23:59 Dec 1.")
M("gmail-sv", "en", "erik", "2026-12-16T14:00:00+01:00", "Recap of today's call",
  """Quick recap of today's call:

We decided to keep the current reporting interval over Christmas.
We also agreed that Nordkyl joins the pilot in Q2 2027, not Q1.
Erik will send the updated volume forecast by 8 January.

Hej då,
Erik""",
  [("decision", "current reporting interval", None, None),
   ("decision", "Q2 2027", None, None),
   ("task", "updated volume forecast", "Erik", "2027-01-08T18:00:00+01:00")],
  "Prose lines, decisions without owner; Swedish sign-off 'Hej då,'. Anchor Wed 2026-12-16 +01:00: 'by 8 January' -> first such date on or after the anchor = 2027-01-08.")
M("feishu", "zh", "sunlei", "2026-10-19T16:00:00+08:00", "平台安全评审纪要",
  """决议：温控数据保留期为3年。
任务：传感器采购招标文件，由港深冷链采购部负责，截止10月30日。
任务：平台测试账号开通，由赵婷负责，10月21日17:00前。
疑问：是否需要等保三级认证？由孙磊跟进，月底前答复。""",
  [("decision", "保留期为3年", None, None),
   ("task", "招标文件", "港深冷链采购部", "2026-10-30T18:00:00+08:00"),
   ("task", "测试账号开通", "赵婷", "2026-10-21T17:00:00+08:00"),
   ("question", "等保三级认证", "孙磊", "2026-10-30T18:00:00+08:00")],
  "Guide labels but owner as '由X负责/跟进' after the item and deadline last. Anchor Mon 2026-10-19: 截止10月30日; 10月21日17:00前; 月底前 = Fri Oct 30 (Oct 31 is a Saturday).",
  fmt="html")
M("outlook-de", "en", "lukas", "2026-10-22T11:00:00+02:00", "WG: Protokoll Vibrationstest",
  """Hallo zusammen,

anbei das Protokoll von Anna zur Weiterverfolgung.

Viele Grüße
Lukas

Von: Anna Schmidt <anna.schmidt@kuehne-tt.example.de>
Gesendet: Donnerstag, 22. Oktober 2026 11:40
An: Lukas Weber <lukas.weber@kuehne-tt.example.de>
Betreff: Protokoll Vibrationstest

Protocol – vibration test planning, 22 Oct

Decisions:
- Test according to ISO 16750-3, profile IV.

To do:
- Anna: order the fixture by 28 Oct.
- Qichen Thermal: deliver 6 samples within 2 days.

Open:
- Is a second test run needed after the design change? Hengyue quality to decide by next Friday.""",
  [("decision", "ISO 16750-3", None, None),
   ("task", "order the fixture", "Anna", "2026-10-28T18:00:00+02:00"),
   ("task", "deliver 6 samples", "Qichen Thermal", "2026-10-24T18:00:00+02:00"),
   ("question", "second test run", "Hengyue quality", "2026-10-30T18:00:00+02:00")],
  "German Outlook forward ('WG:', Von:/Gesendet:/An:/Betreff:) of English minutes: the forwarded part is content. Anchor Thu 2026-10-22 11:00 +02:00: within 2 days = Oct 24; next Friday = Oct 30.",
  date=at("2026-10-22 12:05", 2))
M("outlook-zh", "zh", "zhaot", "2026-08-12T16:00:00+08:00", "冷链平台一期收尾会纪要",
  """决议：
1. 冷链平台一期验收标准以合同附件二为准，港深冷链负责在8月20日前整理验收清单。
2. 二期预算上限300万元。
任务：
1. 云帆数科7天内完成数据迁移演练。""",
  [("decision", "验收标准以合同附件二为准", "港深冷链", "2026-08-20T18:00:00+08:00"),
   ("decision", "300万元", None, None),
   ("task", "数据迁移演练", "云帆数科", "2026-08-19T18:00:00+08:00")],
  "A decision that names an owner and a deadline stays a decision. Anchor Wed 2026-08-12: 7天内 = Aug 19 18:00.")
M("feishu", "zh", "qianf", "2026-11-25T17:00:00+08:00", "液冷板周会 2026/11/25",
  """会议纪要 | 液冷板周会 2026/11/25
✅ 结论
· T1试模的4项不合格已全部关闭
📌 待办
· 钱芳：T2试模报告，11月30日前
· 陈露：更新热仿真边界条件，本周五
❓ 待讨论
· 是否提前T3试模（周振华）""",
  [("decision", "4项不合格已全部关闭", None, None),
   ("task", "T2试模报告", "钱芳", "2026-11-30T18:00:00+08:00"),
   ("task", "热仿真边界条件", "陈露", "2026-11-27T18:00:00+08:00"),
   ("question", "提前T3试模", "周振华", None)],
  "Feishu-doc style with emoji headings (结论/待办/待讨论) and '·' bullets. Anchor Wed 2026-11-25: 本周五 = Nov 27.",
  fmt="html")
M("gmail-it", "en", "giulia", "2026-11-25T16:00:00+01:00", "Meeting notes 25/11",
  """Meeting notes (25/11):
- DECISION: cheese pallets will use 2 loggers each.
- Giulia Rossi will send the pallet layout by Monday.
- Marco to quote the logger brackets by 4 December.

Ciao,
Giulia""",
  [("decision", "2 loggers each", None, None),
   ("task", "pallet layout", "Giulia Rossi", "2026-11-30T18:00:00+01:00"),
   ("task", "logger brackets", "Marco", "2026-12-04T18:00:00+01:00")],
  "Only the decision carries a label; tasks are sentences. Anchor Wed 2026-11-25 +01:00: by Monday = Monday of this week is past -> Nov 30; 4 December. '25/11' in the title is not a deadline.")
M("thunderbird", "zh", "chenlu", "2026-10-10T17:00:00+08:00", "仿真复核会（10月10日调休日）纪要",
  """今天（10月10日，周六调休）仿真复核会纪要：

决议：边界条件采用恒岳实测的入口水温25℃。
任务：陈露在3个工作日内更新热仿真报告至V2。
任务：李晓彤本周内确认报告模板。
疑问：是否需要KTT复核，下周三前由黄志强答复。

--\x20
陈露 启辰热控 仿真组""",
  [("decision", "入口水温25℃", None, None),
   ("task", "热仿真报告至V2", "陈露", "2026-10-14T18:00:00+08:00"),
   ("task", "报告模板", "李晓彤", "2026-10-10T18:00:00+08:00"),
   ("question", "KTT复核", "黄志强", "2026-10-14T18:00:00+08:00")],
  "Meeting on the make-up Saturday Oct 10 17:00. 3个工作日内 = Oct 12, 13, 14 -> Oct 14; 本周内 = last working day of Oct 5-11 = Sat Oct 10 itself (make-up day); 下周三 = Oct 14. '-- ' signature.")
M("outlook-zh", "zh", "wangjg", "2026-05-29T17:00:00+08:00", "FW: 供应商质量月度会纪要",
  """助手：

转发质量月度会纪要，请登记。另外补一条：王建国下周一前把供应商评分表发出。

王建国
采购总监 | 恒岳汽车

-----原始邮件-----
发件人: 李晓彤 <lixiaotong@hengyue-auto.example.cn>
发送时间: 2026年5月29日 16:40
收件人: 王建国 <wangjianguo@hengyue-auto.example.cn>
主题: 供应商质量月度会纪要

王总：

月度会纪要：
决议：5月起来料检验改为每批抽检，取消全检。
任务：启辰热控在2个工作日内提交8D报告。
疑问：不合格品退货运费由谁承担？需法务本周内给意见。

李晓彤""",
  [("task", "供应商评分表", "王建国", "2026-06-01T18:00:00+08:00"),
   ("decision", "每批抽检", None, None),
   ("task", "8D报告", "启辰热控", "2026-06-02T18:00:00+08:00"),
   ("question", "退货运费", "法务", "2026-05-29T18:00:00+08:00")],
  "Outlook forward with '-----原始邮件-----': the forwarded minutes and the forwarder's extra item are both content. Anchor Fri 2026-05-29 17:00: 下周一 = Jun 1; 2个工作日内 = Jun 1, Jun 2; 本周内 = Fri May 29 itself.")


def main() -> None:
    for sub in ("replies", "minutes"):
        (HERE / sub).mkdir(exist_ok=True)
        for old in (HERE / sub).glob("*.eml"):
            old.unlink()
    labels = []
    for c in REPLIES:
        data, label = make_reply(c)
        (HERE / label["file"]).write_bytes(data)
        labels.append(label)
    for c in AUTOS:
        data, label = make_auto(c)
        (HERE / label["file"]).write_bytes(data)
        labels.append(label)
    for c in MINUTES:
        data, label = make_minutes(c)
        (HERE / label["file"]).write_bytes(data)
        labels.append(label)
    (HERE / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(labels)} cases: {len(REPLIES) + len(AUTOS)} replies, {len(MINUTES)} minutes")


if __name__ == "__main__":
    main()

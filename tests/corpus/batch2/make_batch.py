#!/usr/bin/env python3
"""Write the second blind labelled corpus: replies/*.eml, minutes/*.eml, labels.json.

    python3 make_batch.py        # (re)write everything next to this script

Every case was written by hand, by someone who had read only the parsing
contract and the shared corpus's format (not the parsers, not the project's
tests).  The helpers assemble MIME the way each client does; boundaries,
Message-IDs and dates are fixed, so the bytes are reproducible.  Dues were
computed by the contract's rules and checked against chinesecalendar 1.11
(2026: 中秋 Sep 25 off, 国庆 Oct 1-7 off, 调休 Sun Sep 20 and Sat Oct 10 worked).
"""
from __future__ import annotations

import base64
import hashlib
import html as htmlmod
import io
import json
import re
import sys
from datetime import UTC, datetime, timedelta, timezone
from email import encoders, policy
from email.charset import BASE64, QP, Charset
from email.generator import BytesGenerator
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------
# low-level MIME helpers
# --------------------------------------------------------------------------


def tz(hours, minutes=0):
    return timezone(timedelta(hours=hours, minutes=minutes))


def D(text):
    """'2026-07-08 17:05:40 +0800' -> aware datetime."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S %z")


def H(seed, n=32):
    """Deterministic hex string from a seed (for Message-IDs, Thread-Index...)."""
    out = ""
    i = 0
    while len(out) < n:
        out += hashlib.sha1(f"{seed}/{i}".encode()).hexdigest()
        i += 1
    return out[:n]


def ew(text, charset="utf-8", enc="B", maxlen=75, sep="fold"):
    """RFC 2047 encoded words for non-ASCII text, split on character bounds."""
    if all(ord(ch) < 128 for ch in text):
        return text
    try:
        text.encode(charset)
    except UnicodeEncodeError:  # e.g. the service's simplified name in a Big5 reply
        charset = "utf-8"

    def word(s):
        raw = s.encode(charset)
        if enc.upper() == "B":
            data = base64.b64encode(raw).decode("ascii")
        else:
            data = "".join(
                chr(b) if (chr(b).isalnum() and b < 128) else ("_" if b == 32 else f"={b:02X}")
                for b in raw
            )
        return f"=?{charset}?{enc}?{data}?="

    words, cur = [], ""
    for ch in text:
        if cur and len(word(cur + ch)) > maxlen:
            words.append(word(cur))
            cur = ch
        else:
            cur += ch
    if cur:
        words.append(word(cur))
    return ("\r\n " if sep == "fold" else sep).join(words)


def addr(person, charset="utf-8", enc="B", quote=False):
    """Address header value for (name, address)."""
    name, mail = person
    if not name:
        return mail
    if all(ord(ch) < 128 for ch in name):
        if re.search(r'[(),.:;<>@\[\]"]', name):
            return '"{}" <{}>'.format(name.replace('"', '\\"'), mail)
        return f"{name} <{mail}>"
    enc_name = ew(name, charset, enc, maxlen=200)
    if quote:
        return f'"{enc_name}" <{mail}>'
    return f"{enc_name} <{mail}>"


def addrs(people, charset="utf-8", enc="B", quote=False, joiner=", "):
    return joiner.join(addr(p, charset, enc, quote) for p in people)


def _cs(name, cte):
    c = Charset(name)
    c.body_encoding = {"b64": BASE64, "qp": QP, "8bit": None, "7bit": None}[cte]
    return c


def textpart(text, subtype="plain", charset="utf-8", cte="b64", crlf=True, params=None):
    """A text/* part; the text is encoded in `charset` (strict) with `cte`."""
    text = text.replace("\r\n", "\n")
    if crlf:
        text = text.replace("\n", "\r\n")
    text.encode(charset)  # raise early when a character does not fit
    part = MIMEText(text, subtype, _cs(charset, cte))
    del part["MIME-Version"]
    if cte == "7bit":
        del part["Content-Transfer-Encoding"]
        part["Content-Transfer-Encoding"] = "7bit"
    for k, v in (params or {}).items():
        part.set_param(k, v)
    return part


def multipart(subtype, boundary, parts, params=None):
    m = MIMEMultipart(subtype, boundary=boundary)
    del m["MIME-Version"]
    for p in parts:
        m.attach(p)
    for k, v in (params or {}).items():
        m.set_param(k, v)
    return m


def binpart(data, ctype, filename=None, style="2231", charset="utf-8", disposition="attachment",
            extra=None):
    """A base64 attachment.  style: '2231' (filename*=), '2047' (quoted encoded word),
    'plain' (ASCII name)."""
    _maintype, _subtype = ctype.split("/")
    part = Message()
    part.set_payload(data)
    if filename is None:
        part["Content-Type"] = ctype
    elif style == "2047" or style == "plain":
        fn = ew(filename, charset, "B", maxlen=500) if style == "2047" else filename
        part["Content-Type"] = f'{ctype}; name="{fn}"'
    else:
        part["Content-Type"] = ctype
        part.set_param("name", (charset, "", filename))
    for k, v in (extra or []):
        part[k] = v
    encoders.encode_base64(part)
    if filename is not None:
        if style == "2047" or style == "plain":
            fn = ew(filename, charset, "B", maxlen=500) if style == "2047" else filename
            part["Content-Disposition"] = f'{disposition}; filename="{fn}"'
        else:
            part["Content-Disposition"] = disposition
            part.set_param("filename", (charset, "", filename), header="Content-Disposition")
    return part


def rawpart(ctype, body_text, headers=()):
    """A part holding machine-written text: message/delivery-status (header blocks),
    message/rfc822 (a whole message) or text/rfc822-headers (written as is)."""
    from email.parser import Parser
    part = Message()
    part["Content-Type"] = ctype
    for k, v in headers:
        part[k] = v
    text = body_text.replace("\r\n", "\n")
    if ctype == "message/delivery-status":
        blocks = [b for b in text.strip("\n").split("\n\n") if b.strip()]
        part.set_payload([Parser(policy=policy.compat32).parsestr(b + "\n", headersonly=True) for b in blocks])
    elif ctype == "message/rfc822":
        part.set_payload([Parser(policy=policy.compat32).parsestr(text)])
    else:
        part.set_payload(text)
    return part


def finish(top, headers):
    """Put the envelope headers first, in the order given, then the MIME ones."""
    given = {h.lower() for h, _ in headers}
    mime = [(k, v) for k, v in top._headers if k.lower() not in given]
    own = {k.lower(): (k, v) for k, v in top._headers}
    top._headers = []
    for k, v in headers:
        if v is None or v == "":
            if v is None and k.lower() in own:  # a MIME header placed where this client puts it
                top._headers.append(own[k.lower()])
            continue
        top._headers.append((k, v))
    if not any(k.lower() == "mime-version" for k, _ in top._headers):
        top._headers.append(("MIME-Version", "1.0"))
    top._headers.extend(mime)
    return top


def to_bytes(msg, crlf=True):
    buf = io.BytesIO()
    pol = policy.compat32.clone(linesep="\r\n" if crlf else "\n", max_line_length=0)
    BytesGenerator(buf, mangle_from_=False, policy=pol).flatten(msg)
    return buf.getvalue()


# --------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------

def dedent(text):
    """Strip the common indentation of a triple-quoted block and the first/last blank line."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    ind = min((len(ln) - len(ln.lstrip(" ")) for ln in lines if ln.strip()), default=0)
    return "\n".join(ln[ind:] for ln in lines)


def esc(text):
    return htmlmod.escape(text, quote=False)


def quote_gt(text, prefix="> ", blank=">"):
    return "\n".join((prefix + ln) if ln.strip() else blank for ln in text.split("\n"))


def divs(text, empty="<div><br></div>", tag="div", attrs=""):
    out = []
    for line in text.split("\n"):
        if line.strip():
            out.append("<{}{}>{}</{}>".format(tag, attrs, esc(line).replace("  ", "&nbsp; "), tag))
        else:
            out.append(empty)
    return "".join(out)


def brs(text):
    return "<br>".join(esc(ln) for ln in text.split("\n"))


WD_ZH = "一二三四五六日"
WD_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MON_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def h12(dt):
    h = dt.hour % 12 or 12
    return h, ("AM" if dt.hour < 12 else "PM")


def qdate(dt, style):
    """Dates as the quote headers of the various clients print them."""
    y, m, d, H_, M = dt.year, dt.month, dt.day, dt.hour, dt.minute
    wd = dt.weekday()
    hh, ap = h12(dt)
    if style == "outlook-zh":
        return f"{y}年{m}月{d}日 {H_}:{M:02d}"
    if style == "outlook-zh-week":
        return f"{y}年{m}月{d}日 星期{WD_ZH[wd]} {H_}:{M:02d}"
    if style == "outlook-en":
        return f"{WD_EN[wd]}, {MON_EN[m-1]} {d}, {y} {hh}:{M:02d} {ap}"
    if style == "foxmail":
        return f"{y}-{m:02d}-{d:02d} {H_:02d}:{M:02d}"
    if style == "qq":
        noon = "上午" if H_ < 12 else "下午"
        return f"{y}年{m}月{d}日(星期{WD_ZH[wd]}) {noon}{hh}:{M:02d}"
    if style == "netease":
        return f"{y}-{m:02d}-{d:02d} {H_:02d}:{M:02d}:{dt.second:02d}"
    if style == "mailmaster":
        return f"{y}年{m:02d}月{d:02d}日 {H_:02d}:{M:02d}"
    if style == "gmail-zh":
        return f"{y}年{m}月{d}日周{WD_ZH[wd]} {H_:02d}:{M:02d}"
    if style == "gmail-en":
        return f"{WD_EN[wd][:3]}, {MON_EN[m-1][:3]} {d}, {y} at {hh}:{M:02d}\u202f{ap}"
    if style == "apple-zh":
        return f"{y}年{m}月{d}日 {H_:02d}:{M:02d}"
    if style == "ios-zh":
        return f"{y}年{m}月{d}日，{H_:02d}:{M:02d}"
    if style == "apple-en":
        return f"{MON_EN[m-1][:3]} {d}, {y}, at {H_:02d}:{M:02d}"
    if style == "tb":
        return f"{y}/{m}/{d} {H_:02d}:{M:02d}"
    if style == "tb-en":
        return f"{d:02d}/{m:02d}/{y} {H_:02d}:{M:02d}"
    if style == "feishu":
        return f"{y}年{m}月{d}日 (周{WD_ZH[wd]}) {H_:02d}:{M:02d}"
    if style == "big5":
        noon = "上午" if H_ < 12 else "下午"
        return f"{y}年{m}月{d}日 {noon} {hh:02d}:{M:02d}"
    if style == "exmail-en":
        return f"{WD_EN[wd][:3]}, {MON_EN[m-1][:3]} {d}, {y} {hh:02d}:{M:02d} {ap}"
    raise ValueError(style)



# --------------------------------------------------------------------------
# the service's own messages (what people answer) and the people
# --------------------------------------------------------------------------

SERVICE = ("会议助手", "assistant@meetloop.example.com")
SERVICE_EN = ("MeetLoop Assistant", "assistant@meetloop.example.com")
SERVICE_TW = ("會議助手", "assistant@meetloop.example.com")


class Orig:
    def __init__(self, key, subject, date, to, text, sender=SERVICE):
        self.key, self.subject, self.date = key, subject, D(date)
        self.to, self.text, self.sender = list(to), dedent(text), sender
        self.msgid = "<{}.{}@meetloop.example.com>".format(key, self.date.strftime("%Y%m%d%H%M%S"))


# 宁波启衡智能装备有限公司 (甲方)
ZHOUMING = ("周明", "zhouming@qiheng-zn.example.cn")
WANGJIE = ("王婕", "wangjie@qiheng-zn.example.cn")
SHENLI = ("沈立", "shenli@qiheng-zn.example.cn")
GAOYAN = ("高燕", "gaoyan@qiheng-zn.example.cn")
# 合肥晟禾软件有限公司 (乙方)
HUJUN = ("胡军", "hujun@shenghe-soft.example.cn")
YEQING = ("叶青", "yeqing@shenghe-soft.example.cn")
CAOLEI = ("曹磊", "caolei@shenghe-soft.example.cn")
DINGNA = ("丁娜", "dingna@shenghe-soft.example.cn")
# 台中鼎裕機械 (Big5)
HUANGMH = ("黃明輝", "mh.huang@dingyu-mech.example.tw")
TSAIYT = ("蔡宜庭", "yt.tsai@dingyu-mech.example.tw")
# 港灣物流 (HK)
CHANKM = ("陳嘉敏", "km.chan@harbourlog.example.hk")
# foreign partners
CLAIRE = ("Claire Dubois", "claire.dubois@lumiere-ind.example.fr")
MARKUS = ("Markus Weber", "m.weber@kessler-antriebe.example.de")
LUCIA = ("Lucía Fernández", "lfernandez@acero-norte.example.es")
MARCO = ("Marco Rossi", "marco.rossi@officine-vela.example.it")
SANNE = ("Sanne de Vries", "s.devries@polderdata.example.nl")
IVANOV = ("Алексей Иванов", "a.ivanov@uralpribor.example.ru")
KASIA = ("Katarzyna Nowak", "k.nowak@wislatech.example.pl")
ERIK = ("Erik Lindqvist", "erik.lindqvist@norrsken.example.se")
TANAKA = ("Tanaka Hiroshi", "h.tanaka@sakura-denki.example.jp")
OLIVIA = ("Olivia Grant", "olivia.grant@bluefin.example.com")
# personal mailboxes of small suppliers
LIUQQ = ("刘晴", "2291736405@qq.example.com")
ZHANGW = ("张伟", "zhangwei_gd@163.example.com")
XIAOYU = ("肖雨", "xiaoyu1990@126.example.net")
PANTAO = ("潘涛", "pantao@gmail.example.com")
# the minute-takers
RECORDER = ZHOUMING


# ---- invitations
INV1 = Orig("inv.b1", "会议邀请：产线数字孪生项目第二次联合评审会（9月16日 14:00）",
            "2026-09-10 09:12:03 +0800", [ZHOUMING, HUJUN, YEQING, HUANGMH, WANGJIE], """
    各位好：

    现邀请您参加“产线数字孪生项目”第二次联合评审会，安排如下：

    时间：2026年9月16日（周三）14:00-16:00
    地点：宁波启衡智能装备 2号楼207会议室（线上：飞书会议 388 216 904）
    议程：1. 一期模型验收情况  2. 二期接口范围  3. 排期与分工

    请直接回复本邮件：参加 / 不参加 / 待定；如需由他人代为出席，请写明代参加人；如有议题需要补充，也请在回复中写明。

    会议助手
""")
INV2 = Orig("inv.b2", "Invitation: Digital Twin Pilot - Partner Sync (Oct 14, 16:00 CST)",
            "2026-10-09 11:40:00 +0800", [CLAIRE, MARKUS, LUCIA, MARCO, SANNE, IVANOV, KASIA, ERIK, TANAKA, OLIVIA], """
    Dear all,

    You are invited to the partner sync of the Digital Twin Pilot:

    When: Wednesday, October 14, 2026, 16:00-17:00 (China Standard Time, UTC+8)
    Where: Zoom 842 1170 5521

    Please reply to this email: attend / not attend / tentative. If someone attends on your behalf, give their name. If you want a topic added to the agenda, write it in your reply.

    MeetLoop Assistant
""", sender=SERVICE_EN)
INV3 = Orig("inv.b3", "會議邀請：設備聯網改造季度會議（11月18日 10:00）",
            "2026-11-12 15:00:00 +0800", [HUANGMH, TSAIYT, CHANKM, ZHOUMING], """
    各位好：

    現邀請您參加「設備聯網改造」季度會議：

    時間：2026年11月18日（週三）10:00-11:30
    地點：線上（Teams）

    請直接回覆本郵件：參加／不參加／待定；如由他人代為出席，請寫明代理人。

    會議助手
""", sender=SERVICE_TW)

# ---- polls
POLL1 = Orig("poll.b1", "时间征询：二期接口方案讨论会", "2026-09-21 10:05:00 +0800",
             [HUJUN, YEQING, CAOLEI, WANGJIE, SHENLI, LIUQQ, ZHANGW], """
    各位好：

    拟召开二期接口方案讨论会（约60分钟，线上）。请从以下时间中选择您可以参加的选项：

    1. 9月23日（周三）10:00-11:00
    2. 9月24日（周四）15:00-16:00
    3. 9月28日（周一）10:00-11:00
    4. 9月29日（周二）14:00-15:00

    请回复可以参加的选项编号（例如“1、3”）；如全部时间都不方便，请回复“都不行”。

    会议助手
""")
POLL2 = Orig("poll.b2", "Scheduling poll: Q4 steering call", "2026-10-19 09:00:00 +0800",
             [CLAIRE, MARKUS, LUCIA, MARCO, SANNE, KASIA, ERIK, TANAKA, OLIVIA], """
    Dear all,

    Please tell us which of these slots work for the Q4 steering call (60 minutes, online, times in CST, UTC+8):

    1. Mon Oct 26, 15:00
    2. Tue Oct 27, 16:00
    3. Wed Oct 28, 15:00
    4. Thu Oct 29, 17:00
    5. Fri Oct 30, 15:00

    Reply with the numbers of the slots you can attend (e.g. "1, 3"), or "none" if none works.

    MeetLoop Assistant
""", sender=SERVICE_EN)
POLL3 = Orig("poll.b3", "時間徵詢：年度供應商大會籌備會", "2026-11-23 10:00:00 +0800",
             [HUANGMH, TSAIYT, CHANKM, GAOYAN], """
    各位好：

    擬召開年度供應商大會籌備會（約90分鐘），可選時間如下：

    1. 12月1日（週二）10:00
    2. 12月2日（週三）14:00
    3. 12月3日（週四）10:00

    請回覆可以參加的選項編號；如全部不便，請回覆「都不行」。

    會議助手
""", sender=SERVICE_TW)

# ---- minutes sent out for confirmation
MINC1 = Orig("minc.b1", "会议纪要：产线数字孪生项目第二次联合评审会（请于9月18日18:00前确认）",
             "2026-09-16 17:30:00 +0800", [ZHOUMING, HUJUN, YEQING, HUANGMH, WANGJIE, CAOLEI], """
    各位好：

    以下为9月16日联合评审会纪要。请于9月18日（周五）18:00前回复“收到”确认；如有异议或需更正，请直接回复说明。

    【决议】
    1. 一期模型验收通过，尾款按合同第7条支付。
    2. 二期接口采用MQTT，数据点表以启衡V2.3版为准。
    【任务】
    3. 晟禾软件在5个工作日内提交二期接口设计文档。（截止：9月23日 18:00）
    4. 王婕负责协调产线停机窗口，9月30日前给出方案。（截止：9月30日 18:00）
    【疑问】
    5. 历史数据迁移费用由谁承担，待商务确认。

    会议助手
""")
MINC2 = Orig("minc.b2", "Minutes: Digital Twin Pilot - Partner Sync (please confirm by Oct 16, 18:00)",
             "2026-10-14 17:20:00 +0800", [CLAIRE, MARKUS, LUCIA, MARCO, SANNE, KASIA, ERIK, TANAKA, OLIVIA], """
    Dear all,

    Please find the minutes of the Oct 14 partner sync below. Reply "received" to confirm by Friday Oct 16, 18:00 CST; if anything is wrong, reply with the correction.

    Decisions
    1. The pilot is extended to a second line in Q1 2027.
    2. Sensor data is stored in the EU region for European partners.
    Action items
    3. Kessler provides the torque curves for the new drives by Oct 21.
    4. Lumière shares the lighting-line layout within 3 business days.
    Open questions
    5. Who hosts the shared dashboard after the pilot?

    MeetLoop Assistant
""", sender=SERVICE_EN)
MINC3 = Orig("minc.b3", "會議紀要：設備聯網改造季度會議（請於11月20日18:00前確認）",
             "2026-11-18 14:00:00 +0800", [HUANGMH, TSAIYT, CHANKM, ZHOUMING], """
    各位好：

    以下為11月18日季度會議紀要，請於11月20日（週五）18:00前回覆「收到」確認；如有異議請直接回覆。

    【決議】
    1. 第二批聯網設備共42台，12月底前完成安裝。
    2. 網關費用由鼎裕機械與啟衡各負擔50%。
    【任務】
    3. 港灣物流於11月25日前提交網關運輸方案。

    會議助手
""", sender=SERVICE_TW)


def task_zh(key, owner, task, due, date, source):
    return Orig(key, f"任务提醒：{task}（截止{due}）", date, [owner], f"""
        {owner[0]} 您好：

        根据{source}，您负责以下事项：

        任务：{task}
        截止：{due}

        请直接回复本邮件告知：当前进度（如“已完成60%”）；如需延期，请说明原因和新的完成日期；完成后请回复并附上成果文件或链接。

        会议助手
    """)


def task_en(key, owner, task, due, date, source):
    return Orig(key, f"Task reminder: {task} (due {due})", date, [owner], f"""
        Dear {owner[0].split()[0]},

        According to {source}, you are responsible for:

        Task: {task}
        Due: {due}

        Please reply to this email with your progress (e.g. "60% done"), ask for a new date if you need more time, or reply with the deliverable attached when it is finished.

        MeetLoop Assistant
    """, sender=SERVICE_EN)


def acc_zh(key, to, what, by, date, extra=""):
    return Orig(key, f"验收申请：{what}", date, to, f"""
        各位好：

        {what} 已提交，申请验收。{extra}

        请于{by}前回复：
        - 同意验收的，请回复“验收通过”；
        - 不通过或需要修改的，请写明修改意见。

        会议助手
    """)


def task_tw(key, owner, task, due, date, source):
    return Orig(key, f"任務提醒：{task}（截止{due}）", date, [owner], f"""
        {owner[0]} 您好：

        根據{source}，您負責以下事項：

        任務：{task}
        截止：{due}

        請直接回覆本郵件告知：目前進度（如「已完成60%」）；如需延期，請說明原因及新的完成日期；完成後請回覆並附上成果檔案。

        會議助手
    """, sender=SERVICE_TW)


def acc_tw(key, to, what, by, date):
    return Orig(key, f"驗收申請：{what}", date, to, f"""
        各位好：

        {what} 已提交，申請驗收。

        請於{by}前回覆：
        - 同意驗收者，請回覆「驗收通過」；
        - 不通過或需修改者，請寫明修改意見。

        會議助手
    """, sender=SERVICE_TW)


def acc_en(key, to, what, by, date):
    return Orig(key, f"Acceptance request: {what}", date, to, f"""
        Dear all,

        {what} has been submitted for acceptance.

        Please reply by {by}:
        - "accepted" if you accept it as delivered;
        - otherwise, what must be changed.

        MeetLoop Assistant
    """, sender=SERVICE_EN)


# --------------------------------------------------------------------------
# quote headers of the clients (date formats per language)
# --------------------------------------------------------------------------

WD = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "ru": ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"],
    "pl": ["poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"],
    "sv": ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"],
    "ja": "月火水木金土日",
}
MON = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"],
    "sv": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
}
GWD = {  # Gmail's abbreviated weekdays and months per UI language
    "fr": ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
    "de": ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
    "es": ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
    "it": ["lun", "mar", "mer", "gio", "ven", "sab", "dom"],
    "nl": ["ma", "di", "wo", "do", "vr", "za", "zo"],
    "ru": ["пн", "вт", "ср", "чт", "пт", "сб", "вс"],
    "pl": ["pon.,", "wt.,", "śr.,", "czw.,", "pt.,", "sob.,", "niedz."],
    "sv": ["mån", "tis", "ons", "tors", "fre", "lör", "sön"],
}
GMON = {
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    "de": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
    "it": ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "ru": ["янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."],
    "pl": ["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"],
    "sv": ["jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "dec."],
}
OL = {  # Outlook's header block labels per UI language
    "zh": ("发件人", "发送时间", "收件人", "主题", ": "),
    "tw": ("寄件者", "寄件日期", "收件者", "主旨", ": "),
    "en": ("From", "Sent", "To", "Subject", ": "),
    "fr": ("De", "Envoyé", "À", "Objet", " : "),
    "de": ("Von", "Gesendet", "An", "Betreff", ": "),
    "es": ("De", "Enviado el", "Para", "Asunto", ": "),
    "it": ("Da", "Inviato", "A", "Oggetto", ": "),
    "nl": ("Van", "Verzonden", "Aan", "Onderwerp", ": "),
    "ru": ("От", "Отправлено", "Кому", "Тема", ": "),
    "pl": ("Od", "Wysłano", "Do", "Temat", ": "),
    "sv": ("Från", "Skickat", "Till", "Ämne", ": "),
    "foxmail": ("发件人", "发送时间", "收件人", "主题", "："),
}


def ldate(dt, lang):
    y, m, d, t = dt.year, dt.month, dt.day, dt.strftime("%H:%M")
    wd = dt.weekday()
    if lang in ("zh", "foxmail"):
        return qdate(dt, "outlook-zh" if lang == "zh" else "foxmail")
    if lang == "tw":
        return qdate(dt, "big5")
    if lang == "en":
        return qdate(dt, "outlook-en")
    w, mo = WD[lang][wd], MON[lang][m - 1]
    return {
        "fr": f"{w} {d} {mo} {y} {t}",
        "de": f"{w}, {d}. {mo} {y} {t}",
        "es": f"{w}, {d} de {mo} de {y} {t}",
        "it": f"{w} {d} {mo} {y} {t}",
        "nl": f"{w} {d} {mo} {y} {t}",
        "ru": f"{w}, {d} {mo} {y} г. {t}",
        "pl": f"{w}, {d} {mo} {y} {t}",
        "sv": f"den {d} {mo} {y} {t}",
    }[lang]


def gattr(o, lang):
    """Gmail's attribution line in the UI language."""
    n, a = o.sender
    dt = o.date
    t = dt.strftime("%H:%M")
    wd, d, m, y = dt.weekday(), dt.day, dt.month, dt.year
    if lang == "zh":
        return f"{n} <{a}> 于{qdate(dt, 'gmail-zh')}写道："
    if lang == "en":
        return f"On {qdate(dt, 'gmail-en')} {n} <{a}> wrote:"
    if lang == "ja":
        return f"{y}年{m}月{d}日({WD['ja'][wd]}) {t} {n} <{a}>:"
    w, mo = GWD[lang][wd], GMON[lang][m - 1]
    return {
        "fr": f"Le {w} {d} {mo} {y} à {t}, {n} <{a}> a écrit :",
        "de": f"Am {w}, {d}. {mo} {y} um {t} Uhr schrieb {n} <{a}>:",
        "es": f"El {w}, {d} {mo} {y} a las {t}, {n} (<{a}>) escribió:",
        "it": f"Il giorno {w} {d} {mo} {y} alle ore {t} {n} <{a}> ha scritto:",
        "nl": f"Op {w} {d} {mo} {y} om {t} schreef {n} <{a}>:",
        "ru": f"{w}, {d} {mo} {y} г. в {t}, {n} <{a}>:",
        "pl": f"{w}, {d} {mo} {y} o {t} {n} <{a}> napisał(a):",
        "sv": f"Den {w} {d} {mo} {y} kl {t} skrev {n} <{a}>:",
    }[lang]


def qblock(style, o, rcpt):
    """(text, html) of the quoted original as the client writes it."""
    n, a = o.sender
    kind, _, lang = style.partition(":")
    otext = o.text
    if kind in ("outlook", "foxmail", "feishu"):
        lang = lang.replace("-orig", "") if lang else "zh"
        orig_line = style.endswith("-orig")
        lab = OL["foxmail" if kind == "foxmail" else lang]
        sep = lab[4]
        date = ldate(o.date, "foxmail" if kind == "foxmail" else lang)
        if kind == "feishu":
            date = qdate(o.date, "feishu")
        frm = f"{n} <{a}>" if kind != "foxmail" else f"\"{n}\"<{a}>"
        rows = [(lab[0], frm), (lab[1], date), (lab[2], f"{rcpt[0]} <{rcpt[1]}>"), (lab[3], o.subject)]
        head = "\n".join(f"{k}{sep}{v}" for k, v in rows)
        pre = {"outlook": "", "foxmail": "", "feishu": "---- 回复的原邮件 ----\n"}[kind]
        if kind == "outlook" and orig_line:
            pre = "-----原始邮件-----\n"
        text = pre + head + "\n\n" + otext
        if kind == "outlook":
            hh = ("<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\">"
                  + "".join(f"<p class=\"MsoNormal\"><b>{esc(k)}{esc(sep)}</b>{esc(v)}</p>" for k, v in rows)
                  + "</div>" + divs(otext, tag="p", attrs=" class=\"MsoNormal\"", empty="<p class=\"MsoNormal\">&nbsp;</p>"))
        elif kind == "foxmail":
            hh = ("<div style=\"border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0cm 0cm 0cm\">"
                  "<div style=\"PADDING-RIGHT: 8px; PADDING-LEFT: 8px; FONT-SIZE: 12px;FONT-FAMILY:tahoma;COLOR:#000000; BACKGROUND: #efefef; PADDING-BOTTOM: 8px; PADDING-TOP: 8px\">"
                  + "".join(f"<div><b>{esc(k)}{esc(sep)}</b>&nbsp;{esc(v)}</div>" for k, v in rows)
                  + "</div></div>" + divs(otext))
        else:
            hh = ("<div class=\"history-quote-wrapper\"><div style=\"color:#8f959e\">---- 回复的原邮件 ----</div>"
                  + "".join(f"<div><b>{esc(k)}{esc(sep)}</b>{esc(v)}</div>" for k, v in rows)
                  + "<blockquote style=\"border-left:2px solid #dee0e3;padding-left:8px\">" + divs(otext)
                  + "</blockquote></div>")
        return text, hh
    if kind in ("qq", "wecom"):
        rows = [("发件人", f"\"{n}\"<{a}>;"), ("发送时间", qdate(o.date, "qq")),
                ("收件人", f"\"{rcpt[0]}\"<{rcpt[1]}>;"), ("主题", o.subject)]
        text = ("------------------ 原始邮件 ------------------\n"
                + "\n".join(f"{k}: {v}" for k, v in rows) + "\n\n" + otext)
        hh = ("<div style=\"font-size: 12px;font-family: Arial Narrow;padding:2px 0 2px 0;\">"
              "------------------&nbsp;原始邮件&nbsp;------------------</div>"
              "<div style=\"font-size: 12px;background:#efefef;padding:8px;\">"
              + "".join(f"<div><b>{k}:</b>&nbsp;{esc(v)}</div>" for k, v in rows)
              + "</div><div><br></div>" + divs(otext))
        return text, hh
    if kind == "163":
        at = f"在 {qdate(o.date, 'netease')}，\"{n}\" &lt;{a}&gt; 写道："
        text = htmlmod.unescape(at) + "\n" + quote_gt(otext)
        hh = (f"<div style=\"position:relative;zoom:1\"></div><div id=\"divNeteaseMailCard\"></div>"
              f"<br>{at}<br> <blockquote id=\"isReplyContent\" style=\"PADDING-LEFT: 1ex; MARGIN: 0px 0px 0px 0.8ex; "
              f"BORDER-LEFT: #ccc 1px solid\">{brs(otext)}</blockquote>")
        return text, hh
    if kind == "mailmaster":
        rows = [("发件人", f"{n}<{a}>"), ("日期", qdate(o.date, "mailmaster")),
                ("收件人", f"{rcpt[0]}<{rcpt[1]}>"), ("主题", o.subject)]
        text = "---- 回复的原邮件 ----\n" + "\n".join(f"| {k} | {v} |" for k, v in rows) + "\n" + otext
        hh = ("<div class=\"J-reply\" style=\"margin-top:30px;\"><div>---- 回复的原邮件 ----</div>"
              "<table>" + "".join(f"<tr><td>{k}</td><td>{esc(v)}</td></tr>" for k, v in rows) + "</table>"
              + divs(otext) + "</div>")
        return text, hh
    if kind in ("gmail", "apple", "ios", "tb"):
        if kind == "gmail":
            at = gattr(o, lang)
        elif kind == "apple":
            at = (f"{qdate(o.date, 'apple-zh')}，{n} <{a}> 写道：" if lang == "zh"
                  else f"On {qdate(o.date, 'apple-en')}, {n} <{a}> wrote:")
        elif kind == "ios":
            at = (f"在 {qdate(o.date, 'ios-zh')}，{n} <{a}> 写道：" if lang == "zh"
                  else f"On {qdate(o.date, 'apple-en')}, {n} <{a}> wrote:")
        else:
            dt = o.date
            at = {"zh": f"在 {qdate(dt, 'tb')}, {n} 写道:",
                  "en": f"On {dt.month}/{dt.day}/{dt.strftime('%y %H:%M')}, {n} wrote:",
                  "de": f"Am {dt.strftime('%d.%m.%y')} um {dt.strftime('%H:%M')} schrieb {n}:"}[lang]
        text = quote_gt(at + "\n\n" + otext) if kind == "ios" else at + "\n" + quote_gt(otext)
        if kind == "gmail":
            hh = (f"<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">{esc(at)}<br></div>"
                  f"<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid "
                  f"rgb(204,204,204);padding-left:1ex\">{divs(otext)}</blockquote></div>")
        elif kind == "tb":
            hh = (f"<div class=\"moz-cite-prefix\">{esc(at)}<br></div><blockquote type=\"cite\" "
                  f"cite=\"mid:{esc(o.msgid.strip('<>'))}\">{brs(otext)}</blockquote>")
        else:
            hh = f"<div><br><blockquote type=\"cite\"><div>{esc(at)}</div><br>{divs(otext)}</blockquote></div>"
        return text, hh
    raise ValueError(style)


# --------------------------------------------------------------------------
# clients: defaults for charset, encodings, format, quote style, headers
# --------------------------------------------------------------------------

CLIENTS = {
    "outlook-zh": dict(q="outlook:zh", cs="gb2312", tcte="b64", hcte="qp", fmt="alt", pre="答复: ",
                       hdr=[("X-Mailer", "Microsoft Outlook 16.0"), ("Content-Language", "zh-cn")]),
    "outlook-en": dict(q="outlook:en", cs="utf-8", tcte="qp", hcte="qp", fmt="alt", pre="RE: ",
                       hdr=[("X-Mailer", "Microsoft Outlook 16.0"), ("Content-Language", "en-us")]),
    "outlook-tw": dict(q="outlook:tw", cs="big5", tcte="b64", hcte="b64", fmt="alt", pre="回覆: ",
                       hdr=[("X-Mailer", "Microsoft Outlook 16.0"), ("Content-Language", "zh-tw")]),
    "foxmail": dict(q="foxmail", cs="gbk", tcte="b64", hcte="b64", fmt="alt", pre="回复：",
                    hdr=[("X-Mailer", "Foxmail 7.2.25.375[cn]"), ("X-Priority", "3")]),
    "qqmail": dict(q="qq", cs="gb18030", tcte="b64", hcte="b64", fmt="html", pre="回复：",
                   hdr=[("X-QQ-MIME", "TCMime 1.0 by Tencent"), ("X-Mailer", "QQMail 2.x")]),
    "wecom": dict(q="wecom", cs="utf-8", tcte="b64", hcte="b64", fmt="alt", pre="回复：",
                  hdr=[("X-QQ-MIME", "TCMime 1.0 by Tencent"), ("X-Mailer", "WXWork Mail")]),
    "netease163": dict(q="163", cs="gbk", tcte="b64", hcte="b64", fmt="html", pre="Re:",
                       hdr=[("X-Mailer", "Coremail Webmail Server Version XT5.0.14 build 20240201(0b3a6c8e)"),
                            ("X-CM-CTRLDATA", "b2xPTGZvb3Rlcl9odG09MzM1OjU2")]),
    "netease126": dict(q="163", cs="utf-8", tcte="qp", hcte="qp", fmt="html", pre="Re:",
                       hdr=[("X-Mailer", "Coremail Webmail Server Version XT5.0.14 build 20240201(0b3a6c8e)")]),
    "mailmaster": dict(q="mailmaster", cs="utf-8", tcte="b64", hcte="b64", fmt="alt", pre="回复:",
                       hdr=[("X-Mailer", "MailMasterAndroid/7.19.3")]),
    "gmail-zh": dict(q="gmail:zh", cs="utf-8", tcte="b64", hcte="b64", fmt="alt", pre="Re: ", hdr=[]),
    "gmail-en": dict(q="gmail:en", cs="utf-8", tcte="qp", hcte="qp", fmt="alt", pre="Re: ", hdr=[]),
    "apple": dict(q="apple:zh", cs="utf-8", tcte="qp", hcte="qp", fmt="alt", pre="Re: ",
                  hdr=[("X-Mailer", "Apple Mail (2.3826.300.87)")]),
    "ios": dict(q="ios:zh", cs="utf-8", tcte="b64", hcte="qp", fmt="plain", pre="回复：",
                hdr=[("X-Mailer", "iPhone Mail (22B83)")]),
    "feishu": dict(q="feishu", cs="utf-8", tcte="b64", hcte="b64", fmt="alt", pre="回复: ",
                   hdr=[("X-Lms-Return-Path", "<lba+26f1c2a8b.b2@feishu.example.cn>"), ("X-Mailer", "Feishu Mail")]),
    "thunderbird": dict(q="tb:zh", cs="utf-8", tcte="8bit", hcte="8bit", fmt="plain", pre="Re: ",
                        hdr=[("User-Agent", "Mozilla Thunderbird")]),
}

N = [0]


def boundary(c, tag):
    return f"----=_b2_{tag}_{H(c.id + tag, 16)}"


def reply_bytes(c):
    cl = CLIENTS[c.client]
    q = c.q or cl["q"]
    cs = c.cs or cl["cs"]
    fmt = c.fmt or cl["fmt"]
    tcte, hcte = c.tcte or cl["tcte"], c.hcte or cl["hcte"]
    o = c.orig
    said, sig = c.said, c.sig
    own_t = said + ("\n\n" + sig if sig else "")
    own_h = divs(said) + ("<div><br></div>" + divs(sig) if sig else "")
    if c.raw is not None:  # an inline reply: the whole text is given
        text, html = c.raw, divs(c.raw)
    elif o is not None and q != "none":
        qt, qh = qblock(q, o, c.frm)
        if c.bottom:
            text, html = qt + "\n\n" + own_t, qh + "<div><br></div>" + own_h
        else:
            text, html = own_t + "\n\n" + qt, own_h + "<div><br></div>" + qh
    else:
        text, html = own_t, own_h
    html = (f"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={cs}\"></head>"
            f"<body>{html}</body></html>")
    if fmt == "plain":
        body = textpart(text + "\n", "plain", cs, tcte)
    elif fmt == "html":
        body = textpart(html, "html", cs, hcte)
    else:
        body = multipart("alternative", boundary(c, "alt"),
                         [textpart(text + "\n", "plain", cs, tcte), textpart(html, "html", cs, hcte)])
    nc = "utf-8" if cs in ("utf-8",) else cs
    subject = c.subject or ((c.pre or cl["pre"]) + o.subject)
    headers = [("From", addr(c.frm, nc)), ("To", addr(o.sender if o else SERVICE, nc)),
               ("Subject", ew(subject, nc)), ("Date", format_datetime(c.date)),
               ("Message-ID", "<{}@{}>".format(H(c.id, 24), c.frm[1].split("@")[1])),
               ("In-Reply-To", o.msgid if o else None), ("References", o.msgid if o else None)]
    headers += list(c.hdr if c.hdr is not None else cl["hdr"]) + list(c.extra or [])
    return to_bytes(finish(body, headers))


# --------------------------------------------------------------------------
# case registry
# --------------------------------------------------------------------------

CASES = []
EXPECT_REPLY = ("intent", "body", "slots", "percent", "new_due", "topic_contains", "delegate",
                "failed_recipient")


class C:
    def __init__(self, **kw):
        self.__dict__.update(kw)

    def __getattr__(self, name):
        return None


def R(id, context, client, frm, date, orig, said, sig=None, *, expect, note, lang="zh",
      poll_size=None, body=None, build=None, label_client=None, **kw):
    if not id:
        id = "b2r{:03d}".format(1 + sum(1 for lab, _ in CASES if lab["type"] == "reply"))
    c = C(id=id, context=context, client=client, frm=frm, date=D(date), orig=orig,
          said=dedent(said) if said else (said or ""), sig=dedent(sig) if sig else None, **kw)
    exp = {k: None for k in EXPECT_REPLY}
    exp.update(expect)
    if "body" not in expect:
        exp["body"] = body if body is not None else c.said
    if exp["intent"] in ("auto_reply", "bounce"):
        exp["body"] = None
    if exp["body"] is not None:
        exp["body"] = re.sub(r"\s+", " ", exp["body"]).strip()
    label = {"id": id, "file": f"replies/{id}.eml", "type": "reply", "context": context,
             "poll_size": poll_size, "client": label_client or client, "lang": lang,
             "expect": exp, "note": note}
    CASES.append((label, (lambda: build(c)) if build else (lambda: reply_bytes(c))))
    return c


def M(id, client, meeting_end, build, items, note, lang="zh"):
    if not id:
        id = "b2m{:03d}".format(1 + sum(1 for lab, _ in CASES if lab["type"] == "minutes"))
    label = {"id": id, "file": f"minutes/{id}.eml", "type": "minutes",
             "meeting_end": meeting_end, "client": client, "lang": lang,
             "expect": {"items": [dict(kind=k, key=key, owner=o, due=d) for k, key, o, d in items]},
             "note": note}
    CASES.append((label, lambda: build(id)))


def minutes_bytes(id, frm, to, date, subject, text=None, html=None, *, cs="utf-8", cte="b64",
                  hdr=(), fwd=None, cc=()):
    """A minutes mail; `fwd` = (client style, Orig) puts `text` under a forward header."""
    c = C(id=id)
    if fwd is not None:
        style, o = fwd
        qt, qh = qblock(style, o, frm)
        lead = dedent(text) if text else ""
        text = (lead + "\n\n" if lead else "") + ("-------- 转发邮件信息 --------\n" if style.startswith("163") else "") + qt
        html = divs(lead) + "<div><br></div>" + qh
    parts = []
    if text is not None:
        parts.append(textpart(dedent(text) + "\n", "plain", cs, cte))
    if html is not None:
        parts.append(textpart(f"<html><head><meta charset=\"{cs}\"></head><body>{html}</body></html>",
                              "html", cs, cte))
    body = parts[0] if len(parts) == 1 else multipart("alternative", boundary(c, "min"), parts)
    headers = [("From", addr(frm, cs)), ("To", addr(SERVICE, cs)), ("Cc", addrs(cc, cs) if cc else None), ("Subject", ew(subject, cs)), ("Date", format_datetime(D(date))), ("Message-ID", "<{}@{}>".format(H(id, 24), frm[1].split("@")[1])), *list(hdr)]
    return to_bytes(finish(body, headers))


# ==========================================================================
# replies to invitations
# ==========================================================================

R("", "invite", "outlook-zh", HUJUN, "2026-09-10 10:31:12 +0800", INV1, """
    周总：

    收到邀请，我和叶青两个人过来，14点前到。
""", """
    胡军
    合肥晟禾软件有限公司 | 项目交付部
    手机：139 5512 0876
""", expect={"intent": "accept"},
  note="Outlook zh 答复:, GB2312; salutation on its own line stays in the body; 'I and a colleague come' is an accept, not a delegation; signature without a sign-off line.")

R("", "invite", "foxmail", YEQING, "2026-09-10 11:02:45 +0800", INV1, """
    这次我就不过去了，那天上午在合肥有个验收，下午赶不回来。评审意见我提前整理好发给胡军。
""", """
    叶青 Ye Qing
    晟禾软件 · 测试部
    Tel: 0551-6388 2210
""", expect={"intent": "decline"},
  note="Foxmail GBK; decline without 不参加; names a colleague who receives her comments, but nobody is sent in her place -> decline, no delegate.")

R("", "invite", "wecom", CAOLEI, "2026-09-10 14:20:00 +0800", INV1, """
    16号我得跑一趟客户现场，让丁娜替我去吧，接口那块她也熟。
""", "发自我的企业微信", expect={"intent": "delegate", "delegate": "丁娜"},
  note="WeCom, delegation with 替我去 (no 代参加), WeCom tagline.")

R("", "invite", "ios", WANGJIE, "2026-09-10 21:48:09 +0800", INV1, """
    看情况吧，那天产线不出状况我就来，周二晚上给你准信。
""", "发自我的iPhone", expect={"intent": "tentative"},
  note="iOS Mail zh plain, attribution inside the '>' quote; hedged tentative without 待定.")

R("", "invite", "outlook-zh", HUANGMH, "2026-09-11 09:05:31 +0800", INV1, """
    周總您好：

    當天會準時以視訊方式參加。建議議程加入「一期模型精度偏差的處理方式」，我們這邊有些數據想當面對一下。
""", """
    黃明輝 Huang Ming-Hui
    鼎裕機械股份有限公司 研發處
    TEL: +886-4-2359-1180 #217
""", expect={"intent": "accept", "topic_contains": "一期模型精度偏差"}, cs="utf-8", q="outlook:tw", pre="回覆: ",
  label_client="outlook-tw", lang="zh-TW",
  note="Outlook zh-TW (UTF-8 because the quoted invitation is simplified) replying to a simplified-Chinese invitation; accept plus agenda topic in 「」; bilingual name line in the signature.")

R("", "invite", "feishu", SHENLI, "2026-09-11 10:12:00 +0800", INV1, """
    我去不了，换高燕参加（gaoyan@qiheng-zn.example.cn）。
""", expect={"intent": "delegate", "delegate": "高燕"},
  note="Feishu; delegation with 换…参加, name and address.")

R("", "invite", "netease163", ZHANGW, "2026-09-11 13:40:22 +0800", INV1, """
    行，到时候线上进。
""", """
    张伟
    东莞精测仪器 销售部
    13822901547
""", expect={"intent": "accept"},
  note="163 webmail HTML-only GBK; very short colloquial accept ('线上进'); bare phone number closes the signature.")

R("", "invite", "mailmaster", XIAOYU, "2026-09-11 16:03:10 +0800", INV1, """
    16号我们在做年审，实在抽不出人，这次就缺席了，有纪要麻烦发我一份。
""", "来自网易邮箱大师", expect={"intent": "decline"},
  note="NetEase Mail Master ('---- 回复的原邮件 ----' table quote); decline with 缺席; asks for the minutes, which is not a question needing an answer.")

R("", "invite", "thunderbird", PANTAO, "2026-09-12 08:15:40 +0800", INV1, """
    可以参加。另外想在第2项里加一个问题：接口时间戳统一用UTC还是北京时间？
""", """
    --\x20
    潘涛
    独立顾问 / 数据治理
""", expect={"intent": "accept", "topic_contains": "接口时间戳统一用UTC还是北京时间"},
  note="Thunderbird plain 8bit; accept with a topic phrased as a question (it is an agenda item, not a question back); '-- ' signature.")

R("", "invite", "outlook-zh", GAOYAN, "2026-09-12 10:40:00 +0800", INV1, """
    不确定能不能来，16号下午领导可能临时要开会。实在来不了的话我让沈立过去。
""", """
    高燕
    启衡智能 总经办
    0574-8770 3325
""", expect={"intent": "tentative"}, q="outlook:zh-orig",
  note="Outlook with '-----原始邮件-----' line; undecided with a conditional substitute: tentative (delegate field not labelled).")

R("", "invite", "outlook-en", CLAIRE, "2026-10-09 12:30:05 +0200", INV2, """
    Hello,

    I'll be there. Could we add a short point on the CE marking of the sensor boxes? Our auditor asked about it last week.
""", """
    Claire Dubois
    Responsable Projets | Lumière Industrie
    +33 4 72 18 55 09
""", expect={"intent": "accept", "topic_contains": "CE marking"}, q="outlook:fr", pre="RE : ",
  label_client="outlook-fr", lang="en",
  note="French Outlook (De : / Envoyé : / Objet : quote header with space before the colon), English text; accept with a topic.")

R("", "invite", "gmail-en", MARKUS, "2026-10-09 08:14:00 +0200", INV2, """
    Hi,

    sorry, I'm travelling to our plant in Brno that day and will be on the road at 16:00 CST. I won't make it this time.
""", """
    Viele Grüße
    Markus Weber

    Von meinem iPhone gesendet
""", expect={"intent": "decline"}, q="gmail:de", pre="AW: ", label_client="gmail-de", lang="en",
  note="Gmail with German UI ('Am Fr., 9. Okt. 2026 um … Uhr schrieb …:'); German sign-off and German iPhone tagline.")

R("", "invite", "outlook-en", LUCIA, "2026-10-09 10:55:00 +0200", INV2, """
    Hi all,

    I can't attend on the 14th; my colleague Javier Ortega (j.ortega@acero-norte.example.es) will join instead.
""", """
    Saludos,
    Lucía Fernández
    Acero Norte S.L. – Compras
    Tel. +34 944 21 87 30
""", expect={"intent": "delegate", "delegate": "Javier Ortega"}, q="outlook:es", pre="RE: ",
  label_client="outlook-es", lang="en",
  note="Spanish Outlook quote header (De: / Enviado el: / Para: / Asunto:); delegation with 'will join instead'; Spanish sign-off.")

R("", "invite", "gmail-en", MARCO, "2026-10-09 13:20:00 +0200", INV2, """
    Probably yes, but I have a customer visit that might run late. Please keep me as tentative for now.
""", "Inviato da iPhone", expect={"intent": "tentative"}, q="gmail:it", pre="R: ",
  label_client="gmail-it", lang="en",
  note="Gmail Italian UI ('Il giorno … ha scritto:'), Italian iPhone tagline; 'probably yes, but' is tentative.")

R("", "invite", "outlook-en", SANNE, "2026-10-09 14:01:00 +0200", INV2, "Count me in 👍",
  expect={"intent": "accept"}, q="outlook:nl", pre="RE: ", label_client="outlook-nl", lang="en",
  note="Dutch Outlook quote header (Van: / Verzonden: / Aan: / Onderwerp:); idiomatic accept with emoji.")

R("", "invite", "outlook-en", IVANOV, "2026-10-09 12:44:00 +0300", INV2, """
    Hello,

    Unfortunately I have another meeting at that time, so I have to pass on this one. Please send me the slides afterwards.
""", """
    С уважением,
    Алексей Иванов / Alexey Ivanov
    УралПрибор, отдел внедрения
    +7 343 225-18-40
""", expect={"intent": "decline"}, q="outlook:ru", pre="RE: ", label_client="outlook-ru", lang="en",
  note="Russian Outlook (От: / Отправлено: / Тема:), Cyrillic sign-off and bilingual name; 'pass on this one' is a decline.")

R("", "invite", "gmail-en", KASIA, "2026-10-09 15:30:00 +0200", INV2, """
    Hi,

    I'm handing this one over to Piotr Zieliński from our integration team, he will attend for WislaTech instead of me.
""", """
    Pozdrawiam,
    Kasia
""", expect={"intent": "delegate", "delegate": "Piotr Zieliński"}, q="gmail:pl", pre="Odp: ",
  label_client="gmail-pl", lang="en",
  note="Gmail Polish UI ('… napisał(a):'); delegation with 'handing over … instead of me'; Polish sign-off.")

R("", "invite", "outlook-en", ERIK, "2026-10-09 09:10:00 +0200", INV2, """
    Yes, I'll join. One more point for the agenda if there is time: retention period for the raw vibration data.
""", """
    Med vänliga hälsningar
    Erik Lindqvist
    Norrsken Automation AB
    Mobil: +46 70 412 88 31
""", expect={"intent": "accept", "topic_contains": "retention period"}, q="outlook:sv", pre="SV: ",
  label_client="outlook-sv", lang="en",
  note="Swedish Outlook (Från: / Skickat: / Ämne:), Swedish sign-off; accept with a topic.")

R("", "invite", "gmail-en", TANAKA, "2026-10-09 18:02:00 +0900", INV2, """
    Dear all,

    Thank you for the invitation. I am sorry but I cannot join because it is our factory inspection day. Mr. Suzuki (k.suzuki@sakura-denki.example.jp) will join in my place.
""", """
    Best regards,
    Hiroshi Tanaka (田中 博)
    Sakura Denki Co., Ltd.
""", expect={"intent": "delegate", "delegate": "Suzuki"}, q="gmail:ja", label_client="gmail-ja", lang="en",
  note="Gmail Japanese UI attribution '2026年10月9日(金) 11:40 … <…>:' (no 写道); Japanese-English; delegate by title+name and address.")

R("", "invite", "apple", OLIVIA, "2026-10-09 07:45:00 -0700", INV2, """
    Will try to make it but can't promise, I have a board prep call that might overlap. Tentative for now.
""", """
    Olivia

    Sent from my iPad
""", expect={"intent": "tentative"}, q="apple:en", label_client="apple", lang="en",
  note="Apple Mail en; first name alone then iPad tagline as signature.")

R("", "invite", "gmail-zh", CHANKM, "2026-11-12 16:30:00 +0800", INV3, """
    黃生：

    18號我喺深圳開會，嚟唔到，我叫同事阿Ken（ken.lau@harbourlog.example.hk）代我出席。
""", expect={"intent": "delegate", "delegate": "Ken"}, lang="zh-HK",
  note="Gmail zh, Cantonese (嚟唔到 = cannot come); substitute by nickname and address.")

R("", "invite", "foxmail", ZHOUMING, "2026-11-12 17:02:00 +0800", INV3, """
    准时参加，顺便想加个议题：第二批设备的网关供货周期，最好请港湾物流一起评估。
""", """
    周明
    宁波启衡智能装备有限公司  项目管理部
    T: 0574-8770 3301  M: 136 0574 2218
""", expect={"intent": "accept", "topic_contains": "网关供货周期"},
  note="Foxmail GBK replying to a Traditional-Chinese invitation; accept + topic.")

R("", "invite", "qqmail", LIUQQ, "2026-09-11 20:12:00 +0800", INV1, """
    好滴，我会准时上线的哈
""", expect={"intent": "accept"},
  note="QQ Mail HTML-only GB18030; very colloquial accept ('好滴', '哈'), no punctuation at the end.")

R("", "invite", "outlook-zh", DINGNA, "2026-09-11 09:30:00 +0800", INV1, """
    请问这次需要我们准备一期的现场演示吗？要的话我先跟胡军对一下时间。
""", """
    丁娜
    晟禾软件 | 实施部
""", expect={"intent": "question"},
  note="Asks back (whether to prepare a demo) instead of answering; neither accept nor decline is stated.")


def cal_reply(c):
    """Outlook meeting response without a comment: empty text + text/calendar METHOD:REPLY."""
    ics = "\n".join([
        "BEGIN:VCALENDAR", "METHOD:REPLY", "PRODID:Microsoft Exchange Server 2010", "VERSION:2.0",
        "BEGIN:VEVENT",
        f"ATTENDEE;PARTSTAT={c.partstat};CN={c.frm[0]}:mailto:{c.frm[1]}",
        f"SUMMARY;LANGUAGE=zh-TW:{c.summary}",
        "DTSTART;TZID=Taipei Standard Time:20261118T100000",
        "DTEND;TZID=Taipei Standard Time:20261118T113000",
        f"UID:{c.uid}", "DTSTAMP:{}".format(c.date.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")),
        "SEQUENCE:0", "END:VEVENT", "END:VCALENDAR", ""])
    cal = textpart(ics, "calendar", "utf-8", "b64", params={"method": "REPLY"})
    body = multipart("alternative", boundary(c, "cal"), [textpart("\n", "plain", "big5", "b64"), cal])
    o = c.orig
    headers = [("From", addr(c.frm, "big5")), ("To", addr(o.sender, "big5")),
               ("Subject", ew(c.subj + o.subject.split("：", 1)[1], "big5")), ("Date", format_datetime(c.date)),
               ("Message-ID", "<{}@{}>".format(H(c.id, 24), c.frm[1].split("@")[1])),
               ("In-Reply-To", o.msgid), ("References", o.msgid),
               ("X-Mailer", "Microsoft Outlook 16.0"), ("Content-Language", "zh-TW")]
    return to_bytes(finish(body, headers))


R("", "invite", "outlook-tw", TSAIYT, "2026-11-13 08:50:00 +0800", INV3, "", build=cal_reply,
  partstat="TENTATIVE", summary="設備聯網改造季度會議", uid="b2-inv3-9f3c1d", subj="暫訂: ",
  expect={"intent": "tentative", "body": ""}, lang="zh-TW",
  note="Bare Outlook calendar reply (METHOD:REPLY, PARTSTAT=TENTATIVE), no text typed: body ''.")


# ==========================================================================
# replies to availability polls
# ==========================================================================

R("", "poll", "qqmail", LIUQQ, "2026-09-21 11:20:00 +0800", POLL1, "②④可以，①③那两天在外地。",
  expect={"intent": "availability", "slots": [2, 4]}, poll_size=4,
  note="QQ Mail HTML-only; circled numbers without separators; the negated ①③ must not count.")

R("", "poll", "netease126", XIAOYU, "2026-09-21 12:03:00 +0800", POLL1, """
    周三周四都行，下周的两个不行。
""", "肖雨", expect={"intent": "availability", "slots": [1, 2]}, poll_size=4,
  note="126 webmail UTF-8 QP HTML-only; answer by weekday (周三=9/23 option 1, 周四=9/24 option 2; 下周 = options 3, 4); bare name as signature.")

R("", "poll", "foxmail", CAOLEI, "2026-09-21 14:30:00 +0800", POLL1, "除了第三个，其他都可以。", """
    曹磊
    合肥晟禾软件有限公司
""", expect={"intent": "availability", "slots": [1, 2, 4]}, poll_size=4,
  note="'All but' with an ordinal (第三个).")

R("", "poll", "outlook-zh", HUJUN, "2026-09-21 15:05:00 +0800", POLL1, """
    1-3都可以，4待定，要看那天出差能不能改。
""", """
    胡军
    晟禾软件 项目交付部
    139 5512 0876
""", expect={"intent": "availability", "slots": [1, 2, 3]}, poll_size=4,
  note="Range 1-3; option 4 is uncertain and not counted.")

R("", "poll", "wecom", DINGNA, "2026-09-21 16:40:00 +0800", POLL1, "一、二都不行，三和四可以。",
  "发自我的企业微信", expect={"intent": "availability", "slots": [3, 4]}, poll_size=4,
  note="Chinese numerals, negated pair first then positive pair.")

R("", "poll", "gmail-zh", PANTAO, "2026-09-21 18:10:00 +0800", POLL1, "都可以，你们定。",
  expect={"intent": "availability", "slots": [1, 2, 3, 4]}, poll_size=4,
  note="'All work' without any number -> 1..4 from --poll-size.")

R("", "poll", "feishu", SHENLI, "2026-09-21 19:00:00 +0800", POLL1, """
    1 ✔️
    2 ❌
    3 ✔️
    4 ❌（那天全天在车间）
""", expect={"intent": "availability", "slots": [1, 3]}, poll_size=4,
  note="Per-option ✔️/❌ on separate lines (emoji with variation selector).")

R("", "poll", "mailmaster", ZHANGW, "2026-09-22 08:20:00 +0800", POLL1, """
    这四个时间我都不方便，月底都在忙展会筹备，十月再约吧。
""", "来自网易邮箱大师", expect={"intent": "availability", "slots": []}, poll_size=4,
  note="None works, said as '这四个时间我都不方便' (no 都不行).")

R("", "poll", "ios", WANGJIE, "2026-09-22 09:01:00 +0800", POLL1, "只能24号那个", "发自我的iPhone",
  expect={"intent": "availability", "slots": [2]}, poll_size=4,
  note="Answer by date (24号 = option 2), no option number.")

R("", "poll", "thunderbird", YEQING, "2026-09-22 10:14:00 +0800", POLL1, """
    选项1不行；选项2可以；选项3不行；选项4可以。
""", expect={"intent": "availability", "slots": [2, 4]}, poll_size=4,
  note="Thunderbird plain; per-option yes/no in one line.")

R("", "poll", "outlook-en", MARKUS, "2026-10-19 10:12:00 +0200", POLL2, """
    Slots 2 to 4 work for me. 1 and 5 clash with our works council meetings.
""", """
    Markus Weber
    Kessler Antriebe GmbH | Projektleitung
    Tel. +49 711 4892 310
""", expect={"intent": "availability", "slots": [2, 3, 4]}, poll_size=5, q="outlook:de", pre="AW: ",
  label_client="outlook-de", lang="en",
  note="German Outlook quote header (Von: / Gesendet: / Betreff:); range 'slots 2 to 4' and negated others.")

R("", "poll", "gmail-en", OLIVIA, "2026-10-18 19:30:00 -0700", POLL2, "All but Friday.", """
    Olivia Grant
    Bluefin Robotics
""", expect={"intent": "availability", "slots": [1, 2, 3, 4]}, poll_size=5, lang="en",
  note="'All but' + a weekday (Friday = option 5).")

R("", "poll", "gmail-en", CLAIRE, "2026-10-19 09:40:00 +0200", POLL2, """
    1 and 3 are fine. 5 maybe, I'll know next week.
""", expect={"intent": "availability", "slots": [1, 3]}, poll_size=5, q="gmail:fr", pre="RE: ",
  label_client="gmail-fr", lang="en",
  note="Gmail French UI ('Le lun. 19 oct. 2026 à …, … a écrit :'); 'maybe' option not counted.")

R("", "poll", "outlook-en", MARCO, "2026-10-19 11:00:00 +0200", POLL2, """
    None of these work for me, sorry, I'm at a trade fair in Milan the whole week.
""", """
    Cordiali saluti
    Marco Rossi
    Officine Vela S.p.A.
""", expect={"intent": "availability", "slots": []}, poll_size=5, q="outlook:it", pre="R: ",
  label_client="outlook-it", lang="en",
  note="Italian Outlook quote header (Da: / Inviato: / Oggetto:); none works.")

R("", "poll", "apple", SANNE, "2026-10-19 12:00:00 +0200", POLL2, "Any of them is fine for me.",
  "Verstuurd vanaf mijn iPhone", expect={"intent": "availability", "slots": [1, 2, 3, 4, 5]},
  poll_size=5, q="apple:en", lang="en",
  note="Apple Mail; 'any of them' = all 5; Dutch iPhone tagline.")

R("", "poll", "outlook-en", KASIA, "2026-10-19 13:15:00 +0200", POLL2, """
    Monday - no
    Tuesday - yes
    Wednesday - yes
    Thursday - no
    Friday - yes
""", """
    Katarzyna Nowak
    WislaTech Sp. z o.o.
    +48 22 518 40 77
""", expect={"intent": "availability", "slots": [2, 3, 5]}, poll_size=5, q="outlook:pl", pre="Odp: ",
  label_client="outlook-pl", lang="en",
  note="Polish Outlook quote header (Od: / Wysłano: / Temat:); per-weekday yes/no list.")

R("", "poll", "gmail-en", TANAKA, "2026-10-19 17:20:00 +0900", POLL2, "Only No.4 is OK for me.", """
    Best regards,
    Tanaka
""", expect={"intent": "availability", "slots": [4]}, poll_size=5, q="gmail:ja", label_client="gmail-ja",
  lang="en", note="Japanese-English 'No.4'.")

R("", "poll", "outlook-zh", HUANGMH, "2026-11-23 11:00:00 +0800", POLL3, "1、3可以，2不行（當天要去客戶端）。", """
    黃明輝
    鼎裕機械 研發處
""", expect={"intent": "availability", "slots": [1, 3]}, poll_size=3, cs="big5", q="outlook:tw",
  pre="回覆: ", label_client="outlook-tw", lang="zh-TW", note="Outlook zh-TW Big5.")

R("", "poll", "gmail-zh", CHANKM, "2026-11-23 12:30:00 +0800", POLL3, "三個時間都得，你哋揀啦。",
  expect={"intent": "availability", "slots": [1, 2, 3]}, poll_size=3, lang="zh-HK",
  note="Cantonese 'all three work' (都得).")

R("", "poll", "foxmail", TSAIYT, "2026-11-23 14:00:00 +0800", POLL3, "只有12月2日下午可以，其他兩天都在出差。", """
    蔡宜庭 Tsai Yi-Ting
    鼎裕機械 採購課
""", expect={"intent": "availability", "slots": [2]}, poll_size=3, cs="utf-8", lang="zh-TW",
  note="Foxmail UTF-8, Traditional Chinese text under a simplified Foxmail quote header; answer by date (12月2日 = option 2).")

R("", "poll", "qqmail", ZHANGW, "2026-09-21 13:00:00 +0800", POLL1, "这几个时间是北京时间吧？我人在马来西亚。",
  expect={"intent": "question"}, poll_size=4,
  note="A question back instead of an answer; no slots given.")


# ==========================================================================
# replies to minutes
# ==========================================================================

R("", "minutes", "outlook-zh", HUJUN, "2026-09-16 18:02:00 +0800", MINC1, "收到，没问题。", """
    胡军
    合肥晟禾软件有限公司 | 项目交付部
    手机：139 5512 0876
""", expect={"intent": "ack"}, note="Plain ack; the quoted minutes contain 验收通过 and 疑问, which must not count.")

R("", "minutes", "qqmail", CAOLEI, "2026-09-16 19:15:00 +0800", MINC1, "看过了，跟我记的一致。",
  expect={"intent": "ack"}, note="Ack in everyday words (matches my notes), no 收到/无异议.")

R("", "minutes", "foxmail", WANGJIE, "2026-09-17 09:12:00 +0800", MINC1, """
    第4条时间不对，会上说的是10月9日前给方案，国庆期间产线不停。麻烦改一下。
""", """
    王婕
    启衡智能 生产计划部
    0574-8770 3318
""", expect={"intent": "objection"}, note="Correction of a date, without 异议/更正.")

R("", "minutes", "feishu", YEQING, "2026-09-17 09:40:00 +0800", MINC1, "OK，我这边没有补充。",
  expect={"intent": "ack"}, note="'nothing to add' = ack.")

R("", "minutes", "ios", SHENLI, "2026-09-17 10:03:00 +0800", MINC1, "收到", "发自我的iPhone",
  expect={"intent": "ack"}, note="Bare 收到 + iPhone tagline.")

R("", "minutes", "netease163", DINGNA, "2026-09-17 11:20:00 +0800", MINC1, """
    纪要里漏了一条：会上还定了每周五下午开一次接口对齐会，请补上。
""", """
    丁娜
    晟禾软件 实施部
""", expect={"intent": "objection"}, note="A missing item is a request for correction -> objection.")

R("", "minutes", "gmail-zh", HUJUN, "2026-09-17 13:30:00 +0800", MINC1, """
    MQTT没问题，但点表版本我们确认的是V2.4，不是V2.3。
""", expect={"intent": "objection"}, note="Starts with agreement (没问题) then corrects a version -> objection.")

R("", "minutes", "outlook-en", OLIVIA, "2026-10-14 06:00:00 -0700", MINC2, "Received, thanks. All good from our side.", """
    Olivia Grant | Program Manager
    Bluefin Robotics Inc.
    +1 (415) 555-0148
""", expect={"intent": "ack"}, lang="en", note="Outlook en; ack with thanks inside the sentence.")

R("", "minutes", "gmail-en", MARKUS, "2026-10-14 13:05:00 +0200", MINC2, """
    Hi,

    item 3 isn't right: we agreed on Oct 23, not Oct 21, because our test bench is booked until the 22nd. Please correct.
""", """
    Viele Grüße
    Markus
""", expect={"intent": "objection"}, q="gmail:de", pre="AW: ", label_client="gmail-de", lang="en",
  note="German Gmail UI; correction of a due date.")

R("", "minutes", "outlook-en", ERIK, "2026-10-14 12:00:00 +0200", MINC2, "Looks fine to me.", """
    /Erik
""", expect={"intent": "ack"}, q="outlook:sv", pre="SV: ", label_client="outlook-sv", lang="en",
  note="Swedish Outlook; minimal ack; Scandinavian '/Erik' signature.")

R("", "minutes", "gmail-en", LUCIA, "2026-10-14 14:20:00 +0200", MINC2, """
    Thanks for the minutes. On point 2: EU hosting was only agreed for Lumière and Kessler, not for all European partners; we still need to check with our IT. Could you adjust the wording?
""", """
    Saludos,
    Lucía
""", expect={"intent": "objection"}, q="gmail:es", pre="RE: ", label_client="gmail-es", lang="en",
  note="Spanish Gmail UI ('El mié, 14 oct 2026 a las …, … escribió:'); polite correction phrased as a question -> objection, not question.")

R("", "minutes", "outlook-zh", CHANKM, "2026-11-18 15:30:00 +0800", MINC3, "收到，冇問題。", """
    陳嘉敏 Karmen Chan
    港灣物流有限公司
    +852 2318 6620
""", expect={"intent": "ack"}, cs="big5", q="outlook:tw", pre="回覆: ", label_client="outlook-tw", lang="zh-HK",
  note="Cantonese ack (冇問題) in Big5.")

R("", "minutes", "wecom", GAOYAN, "2026-09-17 15:00:00 +0800", MINC1, "同意，按这个执行吧。",
  "发自我的企业微信", expect={"intent": "ack"}, note="Agreement = ack.")

R("", "minutes", "thunderbird", CAOLEI, "2026-09-17 16:20:00 +0800", MINC1, "",
  raw=dedent("""
    在 2026/9/16 17:30, 会议助手 写道:
    > 以下为9月16日联合评审会纪要。请于9月18日（周五）18:00前回复“收到”确认；如有异议或需更正，请直接回复说明。
    >
    > 【任务】
    > 3. 晟禾软件在5个工作日内提交二期接口设计文档。（截止：9月23日 18:00）

    会上说的是7个工作日，不是5个，截止应为9月28日。

    > 4. 王婕负责协调产线停机窗口，9月30日前给出方案。（截止：9月30日 18:00）

    这条没问题。

    --\x20
    曹磊
  """), body="会上说的是7个工作日，不是5个，截止应为9月28日。 这条没问题。",
  expect={"intent": "objection"},
  note="Inline reply (own lines between quoted lines); body = own lines in order; one correction -> objection.")

R("", "minutes", "outlook-zh", ZHOUMING, "2026-09-17 17:00:00 +0800", MINC1, """
    我先转给法务看一下第1条的付款条款，看完再回复您。
""", """
    周明
    启衡智能 项目管理部
""", expect={"intent": "unclear"},
  note="Neither ack nor objection yet (waiting for legal) -> honest unclear.")


# ==========================================================================
# replies to task reminders
# ==========================================================================

SRC1 = "9月16日联合评审会纪要"
T1 = task_zh("task.b1", HUJUN, "提交二期接口设计文档", "9月23日 18:00", "2026-09-22 09:00:00 +0800", SRC1)
T2 = task_zh("task.b2", WANGJIE, "协调产线停机窗口方案", "9月30日 18:00", "2026-09-28 09:00:00 +0800", SRC1)
T3 = task_en("task.b3", MARKUS, "Torque curves for the new drives", "Oct 21, 18:00 CST",
             "2026-10-20 09:00:00 +0800", "the minutes of the Oct 14 partner sync")
T4 = task_en("task.b4", CLAIRE, "Share the lighting-line layout", "Oct 19, 18:00 CST",
             "2026-10-16 09:00:00 +0800", "the minutes of the Oct 14 partner sync")
T5 = task_tw("task.b5", CHANKM, "提交網關運輸方案", "11月25日 18:00", "2026-11-24 09:00:00 +0800",
             "11月18日季度會議紀要")
T6 = task_zh("task.b6", LIUQQ, "提交样件检测报告", "12月4日 18:00", "2026-12-03 09:00:00 +0800", "11月27日质量会纪要")
T7 = task_zh("task.b7", CAOLEI, "完成MQTT网关联调", "10月16日 18:00", "2026-10-13 09:00:00 +0800", "9月29日接口讨论会纪要")
T8 = task_zh("task.b8", DINGNA, "点表映射校对", "10月16日 18:00", "2026-10-12 09:00:00 +0800", "9月29日接口讨论会纪要")
T9 = task_en("task.b9", SANNE, "Data export script for line 2", "Oct 23, 18:00 CST", "2026-10-21 09:00:00 +0800",
             "the minutes of the Oct 14 partner sync")
T10 = task_en("task.b10", IVANOV, "Calibration certificates for the sensors", "Oct 30, 18:00 CST",
              "2026-10-28 09:00:00 +0800", "the minutes of the Oct 14 partner sync")
T11 = task_en("task.b11", KASIA, "Network diagram of the pilot cell", "Oct 23, 18:00 CST", "2026-10-22 09:00:00 +0800",
              "the minutes of the Oct 14 partner sync")
T12 = task_en("task.b12", ERIK, "Draft data-retention policy", "Oct 30, 18:00 CST", "2026-10-26 09:00:00 +0800",
              "the minutes of the Oct 14 partner sync")
T13 = task_en("task.b13", TANAKA, "Spare-part list for the pilot line", "Nov 6, 18:00 CST", "2026-11-04 09:00:00 +0800",
              "the minutes of the Oct 28 steering call")
T14 = task_zh("task.b14", ZHANGW, "更新报价单", "11月20日 18:00", "2026-11-17 09:00:00 +0800", "11月10日商务沟通会纪要")
T15 = task_zh("task.b15", XIAOYU, "培训课件", "12月4日 18:00", "2026-11-30 09:00:00 +0800", "11月20日培训筹备会纪要")
T16 = task_zh("task.b16", GAOYAN, "验收报告盖章", "12月2日 18:00", "2026-12-01 09:00:00 +0800", "11月27日质量会纪要")
T17 = task_zh("task.b17", HUJUN, "二期部署手册", "12月10日 18:00", "2026-12-07 09:00:00 +0800", "11月27日质量会纪要")
T18 = task_zh("task.b18", PANTAO, "数据治理顾问报告", "9月30日 18:00", "2026-09-28 09:00:00 +0800", SRC1)
T19 = task_zh("task.b19", SHENLI, "更新设备台账", "9月24日 18:00", "2026-09-23 09:00:00 +0800", SRC1)
T20 = task_zh("task.b20", WANGJIE, "确认培训场地", "9月30日 18:00", "2026-09-29 09:00:00 +0800", SRC1)

R("", "task", "outlook-zh", HUJUN, "2026-09-22 10:15:00 +0800", T1, """
    周总：

    设计文档写了大概七成，剩下MQTT主题命名规范还在和叶青对，明天能交。
""", """
    胡军
    合肥晟禾软件有限公司 | 项目交付部
    手机：139 5512 0876
""", expect={"intent": "progress", "percent": 70},
  note="Progress stated as 七成 (= 70%), without %; '明天能交' is on time (due 9/23), not a delay.")

R("", "task", "foxmail", HUJUN, "2026-09-23 17:40:00 +0800", T1, """
    二期接口设计文档V1.0已上传到共享盘 /二期/设计/，请查收。
""", """
    胡军
    晟禾软件
""", expect={"intent": "done"}, note="Deliverable uploaded; done without 完成.")

R("", "task", "gmail-zh", WANGJIE, "2026-09-28 09:40:00 +0800", T2, """
    停机窗口还定不下来，生产部要等10月排产计划出来才能回复，估计得节后了，10月9日前给方案。
""", expect={"intent": "delay", "new_due": "2026-10-09T18:00:00+08:00"},
  note="Delay without 延期; new date 10月9日前 -> Oct 9 18:00 (anchor: Date Sep 28).")

R("", "task", "outlook-en", MARKUS, "2026-10-20 11:00:00 +0200", T3, """
    Hi,

    the curves are about 80% done, the last drive size is still on the test bench.
""", """
    Markus Weber
    Kessler Antriebe GmbH | Projektleitung
    Tel. +49 711 4892 310
""", expect={"intent": "progress", "percent": 80}, q="outlook:de", pre="AW: ", label_client="outlook-de",
  lang="en", note="German Outlook; progress with percent.")

R("", "task", "gmail-en", MARKUS, "2026-10-21 16:00:00 +0200", T3, """
    We won't manage it by today, sorry. The bench had a fault yesterday. New date: Monday, Oct 26.
""", "Von meinem iPhone gesendet", expect={"intent": "delay", "new_due": "2026-10-26T18:00:00+02:00"},
  q="gmail:de", pre="AW: ", label_client="gmail-de", lang="en",
  note="Delay with a new explicit date; anchor is the Date header (+02:00), so Oct 26 18:00 in +02:00 (date read in the anchor's local offset).")

R("", "task", "outlook-en", CLAIRE, "2026-10-19 10:12:00 +0200", T4, """
    Hello,

    here is the layout of the lighting line (PDF attached). Let me know if you need the DWG as well.
""", """
    Bien cordialement,
    Claire Dubois
    Lumière Industrie
""", expect={"intent": "done"}, q="outlook:fr", pre="RE : ", label_client="outlook-fr", lang="en",
  note="Deliverable sent ('here is … attached'); French sign-off.")

R("", "task", "outlook-zh", CHANKM, "2026-11-24 16:00:00 +0800", T5, """
    運輸方案已經寫好咗一半，報價仲等緊船公司回覆，聽日應該搞掂。
""", """
    陳嘉敏 Karmen Chan
    港灣物流有限公司
""", expect={"intent": "progress"}, cs="big5hkscs", q="outlook:tw", pre="回覆: ", label_client="outlook-tw",
  lang="zh-HK", note="Big5-HKSCS (咗/緊 are HKSCS characters); Cantonese progress; '聽日應該搞掂' (done tomorrow = the due day) is not a delay; percent not labelled (一半).")

R("", "task", "qqmail", LIUQQ, "2026-12-03 18:30:00 +0800", T6, """
    检测那边排队，报告周末才能出，下周一发您可以吗？
""", expect={"intent": "delay", "new_due": "2026-12-07T18:00:00+08:00"},
  note="Asks for a later deadline as a question -> delay; 下周一 from Thu Dec 3 = Mon Dec 7 18:00.")

R("", "task", "wecom", CAOLEI, "2026-10-14 09:30:00 +0800", T7, "联调搞定了，日志和测试记录在附件里。",
  "发自我的企业微信", expect={"intent": "done"}, note="Done, colloquial 搞定.")

R("", "task", "netease163", DINGNA, "2026-10-12 14:00:00 +0800", T8, """
    已经校对完一大半了，差不多65%，这周内能弄完。
""", expect={"intent": "progress", "percent": 65}, note="Progress with a percent inside a hedge (差不多65%).")

R("", "task", "outlook-en", SANNE, "2026-10-22 15:00:00 +0200", T9, """
    Hi,

    quick question before I finish this: should the export include the raw 1 kHz signals or only the 1-second aggregates? That changes the file size a lot.
""", """
    Sanne de Vries
    PolderData B.V.
""", expect={"intent": "question"}, q="outlook:nl", pre="RE: ", label_client="outlook-nl", lang="en",
  note="A question back about the task.")

R("", "task", "gmail-en", IVANOV, "2026-10-29 12:00:00 +0300", T10, """
    Hello,

    the certificates are stuck at customs, so Friday is not realistic. I need about two more weeks; I'll confirm the exact date once the parcel is released.
""", """
    С уважением,
    Алексей Иванов
""", expect={"intent": "delay"}, q="gmail:ru", label_client="gmail-ru", lang="en",
  note="Russian Gmail UI attribution ('ср, 28 окт. 2026 г. в …, … <…>:'); delay without a date (two more weeks is not a date: new_due not labelled).")

R("", "task", "gmail-en", KASIA, "2026-10-23 11:00:00 +0200", T11, """
    Done, the diagram is in the shared folder (/pilot/network/cell-B_v3.pdf).
""", expect={"intent": "done"}, q="gmail:pl", pre="Odp: ", label_client="gmail-pl", lang="en", note="Done.")

R("", "task", "outlook-en", ERIK, "2026-10-26 10:00:00 +0100", T12, """
    Started on it, roughly a third written. Still on track for Friday.
""", """
    Med vänliga hälsningar
    Erik
""", expect={"intent": "progress"}, q="outlook:sv", pre="SV: ", label_client="outlook-sv", lang="en",
  note="Progress without %; 'on track for Friday' is not a delay.")

R("", "task", "gmail-en", TANAKA, "2026-11-05 14:00:00 +0900", T13, """
    I am sorry, I need a little more time for the spare parts list. Can I send it by November 12?
""", """
    Best regards,
    Hiroshi Tanaka
""", expect={"intent": "delay", "new_due": "2026-11-12T18:00:00+09:00"}, q="gmail:ja", label_client="gmail-ja",
  lang="en", note="Delay asked as a question with a date; anchor offset +09:00.")

R("", "task", "mailmaster", ZHANGW, "2026-11-18 09:00:00 +0800", T14, """
    王总那边还没给最终数量，报价单没法定稿，等他确认了我再发，时间可能要往后推几天。
""", "来自网易邮箱大师", expect={"intent": "delay"},
  note="Delay without 延期 and without a date ('往后推几天').")

R("", "task", "netease126", XIAOYU, "2026-11-30 10:00:00 +0800", T15, """
    课件已经做到第5章了，总共8章，本周五前交。
""", expect={"intent": "progress"}, note="Progress by chapters; 本周五 (Dec 4) is the due day -> not a delay; no percent.")

R("", "task", "apple", GAOYAN, "2026-12-01 09:20:00 +0800", T16, """
    这个不是胡军那边负责盖章吗？我们这边具体需要做什么？
""", expect={"intent": "question"}, note="Question back about responsibility.")

R("", "task", "outlook-zh", HUJUN, "2026-12-08 09:00:00 +0800", T17, """
    部署手册还差两章，这周赶不完了，最晚下周三给到。
""", """
    胡军
    晟禾软件 项目交付部
""", expect={"intent": "delay", "new_due": "2026-12-16T18:00:00+08:00"},
  note="Cannot meet the deadline; 下周三 from Tue Dec 8 (week Dec 7-13) = Wed Dec 16 18:00.")

R("", "task", "thunderbird", PANTAO, "2026-09-29 21:30:00 +0800", T18, "完成100%，报告见附件，有问题随时找我。",
  expect={"intent": "done", "percent": 100}, note="Done stated as 100%; percent read whatever the intent.")

R("", "task", "feishu", SHENLI, "2026-09-24 16:00:00 +0800", T19, """
    台账还差二车间的数据，今天交不了，再给我2个工作日。
""", expect={"intent": "delay", "new_due": "2026-09-29T18:00:00+08:00"},
  note="2个工作日 from Thu Sep 24: Fri Sep 25 中秋 off, weekend off -> Mon Sep 28 (1), Tue Sep 29 (2) 18:00. Checked with chinesecalendar.")

R("", "task", "foxmail", WANGJIE, "2026-09-30 10:00:00 +0800", T20, """
    场地方国庆放假没人回复，这个只能节后了，3个工作日内给结果。
""", """
    王婕
    启衡智能 生产计划部
""", expect={"intent": "delay", "new_due": "2026-10-10T18:00:00+08:00"},
  note="3个工作日 from Wed Sep 30: Oct 1-7 off; Oct 8 (1), Oct 9 (2), Sat Oct 10 调休 worked (3) -> Oct 10 18:00. Checked with chinesecalendar.")

R("", "task", "gmail-zh", XIAOYU, "2026-12-02 11:00:00 +0800", T15, "这事我得先问问我们老板。",
  expect={"intent": "unclear"}, note="No progress, no date, no question to the sender -> honest unclear.")


# ==========================================================================
# replies to acceptance requests
# ==========================================================================

A1 = acc_zh("acc.b1", [ZHOUMING, WANGJIE, SHENLI, GAOYAN], "二期接口设计文档 V1.0（晟禾软件提交）",
            "9月29日（周二）18:00", "2026-09-24 10:00:00 +0800", "文件见共享盘 /二期/设计/。")
A2 = acc_en("acc.b2", [OLIVIA, CLAIRE, ERIK, MARCO], "Torque curve data pack (Kessler Antriebe)",
            "Friday, Oct 30, 18:00 CST", "2026-10-27 10:00:00 +0800")
A3 = acc_tw("acc.b3", [HUANGMH, CHANKM, ZHOUMING], "網關運輸方案（港灣物流提交）",
            "12月1日（週二）18:00", "2026-11-26 10:00:00 +0800")

R("", "acceptance", "outlook-zh", ZHOUMING, "2026-09-25 09:30:00 +0800", A1, "文档看过了，没问题，验收通过。", """
    周明
    宁波启衡智能装备有限公司  项目管理部
    T: 0574-8770 3301  M: 136 0574 2218
""", expect={"intent": "pass"}, note="Plain pass.")

R("", "acceptance", "foxmail", WANGJIE, "2026-09-25 10:10:00 +0800", A1, """
    原则上同意，但第4.2节的异常重连策略要补上，补完再算通过。
""", """
    王婕
    启衡智能 生产计划部
""", expect={"intent": "reject"}, note="Conditional acceptance ('原则上同意，但…补完再算通过') = reject.")

R("", "acceptance", "gmail-zh", SHENLI, "2026-09-25 11:00:00 +0800", A1, """
    可以，过了。下次文档里接口示例能多放几个就更好了。
""", expect={"intent": "pass"}, note="Pass in slang (过了) + a suggestion for next time, which is no condition.")

R("", "acceptance", "feishu", GAOYAN, "2026-09-25 14:30:00 +0800", A1, "不行，时序图和实际实现对不上，打回去改。",
  expect={"intent": "reject"}, note="Reject in everyday words (打回去改).")

R("", "acceptance", "outlook-en", OLIVIA, "2026-10-27 07:00:00 -0700", A2, "Accepted. Nice work, Markus.", """
    Olivia Grant | Program Manager
    Bluefin Robotics Inc.
""", expect={"intent": "pass"}, lang="en", note="Pass.")

R("", "acceptance", "gmail-en", CLAIRE, "2026-10-27 10:40:00 +0100", A2, """
    We can accept it once the curves for the 7.5 kW drive are added. Until then, not yet.
""", expect={"intent": "reject"}, q="gmail:fr", pre="RE: ", label_client="gmail-fr", lang="en",
  note="Acceptance only once something is added = reject (word 'accept' present).")

R("", "acceptance", "outlook-en", ERIK, "2026-10-27 09:00:00 +0100", A2, "No objections from our side, approved.",
  expect={"intent": "pass"}, q="outlook:sv", pre="SV: ", label_client="outlook-sv", lang="en",
  note="Approved with a negation idiom (No objections).")

R("", "acceptance", "gmail-en", MARCO, "2026-10-27 12:15:00 +0100", A2, """
    I had a look: the units in sheet 3 are wrong (Nm vs kNm). Please fix that before we sign off.
""", """
    Marco

    Inviato da iPhone
""", expect={"intent": "reject"}, q="gmail:it", pre="R: ", label_client="gmail-it", lang="en",
  note="Not accepted until fixed ('before we sign off').")

R("", "acceptance", "outlook-zh", HUANGMH, "2026-11-26 15:00:00 +0800", A3, "方案內容完整，同意驗收。", """
    黃明輝 Huang Ming-Hui
    鼎裕機械股份有限公司 研發處
""", expect={"intent": "pass"}, cs="big5", q="outlook:tw", pre="回覆: ", label_client="outlook-tw",
  lang="zh-TW", note="Traditional Chinese pass (同意驗收) in Big5.")

R("", "acceptance", "gmail-zh", CHANKM, "2026-11-27 10:00:00 +0800", A3, "報價嗰部分未計保險，補返先再批。",
  expect={"intent": "reject"}, lang="zh-HK",
  note="Cantonese: insurance missing, will approve after it is added -> reject.")

R("", "acceptance", "netease163", ZHOUMING, "2026-09-28 09:00:00 +0800", A1, "第3章还没看完，明天给意见。",
  expect={"intent": "unclear"},
  note="A holding reply; the quoted request contains '验收通过' which must not count -> unclear.")

R("", "acceptance", "wecom", GAOYAN, "2026-11-27 11:30:00 +0800", A3, "看了，OK的，就这么定吧👌",
  "发自我的企业微信", expect={"intent": "pass"}, note="Colloquial pass with no 通过.")


# ==========================================================================
# auto-replies and bounces
# ==========================================================================

def auto_msg(c):
    part = textpart(dedent(c.text) + "\n", c.subtype or "plain", c.cs or "utf-8", c.cte or "qp")
    o = c.orig
    headers = [("From", addr(c.frm, c.cs or "utf-8")), ("To", addr(o.sender)), ("Subject", ew(c.subj + o.subject, c.cs or "utf-8")), ("Date", format_datetime(c.date)), ("Message-ID", "<{}@{}>".format(H(c.id, 24), c.frm[1].split("@")[1])), ("In-Reply-To", o.msgid), *list(c.hdr or [])]
    return to_bytes(finish(part, headers))


def report_msg(c):
    o = c.orig
    human = textpart(dedent(c.text) + "\n", "plain", c.cs or "utf-8", c.cte or "qp")
    status = rawpart("message/delivery-status", dedent(c.status))
    ret = rawpart("text/rfc822-headers",
                  f"Message-ID: {o.msgid}\nDate: {format_datetime(o.date)}\nFrom: {addr(o.sender)}\nTo: {c.rcpt}\nSubject: {ew(o.subject)}\n")
    body = multipart("report", boundary(c, "rep"), [human, status, ret], params={"report-type": "delivery-status"})
    headers = [("From", c.mfrom), ("To", o.sender[1]), ("Subject", ew(c.subj, c.cs or "utf-8")), ("Date", format_datetime(c.date)), ("Message-ID", "<{}@{}>".format(H(c.id, 24), c.mfrom.split("@")[-1].strip(">"))), *list(c.hdr or [])]
    return to_bytes(finish(body, headers))


R("", "invite", "outlook-en", CLAIRE, "2026-10-09 11:40:30 +0200", INV2, "", build=auto_msg,
  subj="Réponse automatique : ", hdr=[("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")],
  text="""
    Bonjour,

    Je suis absente du bureau jusqu'au lundi 12 octobre inclus, avec un accès limité à mes e-mails.
    Pour toute urgence, merci de contacter Julien Martin (j.martin@lumiere-ind.example.fr).

    Cordialement,
    Claire Dubois
  """, expect={"intent": "auto_reply"}, label_client="outlook-fr", lang="fr",
  note="French Outlook out-of-office (Réponse automatique, Auto-Submitted); names a contact, which is not a delegation.")

R("", "task", "outlook-en", MARKUS, "2026-10-20 03:00:05 +0200", T3, "", build=auto_msg,
  subj="Automatische Antwort: ", hdr=[("Auto-Submitted", "auto-replied")],
  text="""
    Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 23.10.2026 nicht im Büro und habe keinen Zugriff auf meine E-Mails.
    In dringenden Fällen wenden Sie sich bitte an Frau Anna Schmidt (a.schmidt@kessler-antriebe.example.de).

    Mit freundlichen Grüßen
    Markus Weber
  """, expect={"intent": "auto_reply"}, label_client="outlook-de", lang="de",
  note="German out-of-office to a task reminder; 'bis 23.10.' must not become a delay date.")

R("", "poll", "netease163", ZHANGW, "2026-09-21 10:05:20 +0800", POLL1, "", build=auto_msg,
  subj="自动回复：", cs="gbk", cte="b64", subtype="plain", hdr=[("X-Autoreply", "yes")],
  text="""
    您好，我正在外地出差，9月25日返回，期间邮件回复可能不及时。急事请拨打13822901547。
  """, expect={"intent": "auto_reply"}, label_client="netease163",
  note="163 auto-reply to a poll (X-Autoreply, 自动回复：); contains a date that is no slot.")

R("", "minutes", "gmail-en", TANAKA, "2026-10-14 18:20:40 +0900", MINC2, "", build=auto_msg,
  subj="Out of Office: ", hdr=[("Precedence", "auto_reply")],
  text="""
    Thank you for your e-mail. I am out of the office on business trip until October 19 and will read your mail after my return.
    I apologize for the inconvenience.

    Hiroshi Tanaka
    Sakura Denki Co., Ltd.
  """, expect={"intent": "auto_reply"}, label_client="gmail-ja", lang="en",
  note="Japanese-English OOO to minutes (Precedence: auto_reply, 'Out of Office:'); must not be read as ack.")

R("", "acceptance", "outlook-en", LUCIA, "2026-10-27 03:00:10 +0100", A2, "", build=auto_msg,
  subj="Respuesta automática: ", hdr=[("Auto-Submitted", "auto-replied")],
  text="""
    Gracias por su mensaje. Estaré fuera de la oficina hasta el 2 de noviembre. Para asuntos urgentes, contacte con compras@acero-norte.example.es.

    Un saludo,
    Lucía Fernández
  """, expect={"intent": "auto_reply"}, label_client="outlook-es", lang="es",
  note="Spanish OOO to an acceptance request.")

R("", "invite", "wecom", CAOLEI, "2026-09-10 09:12:30 +0800", INV1, "", build=auto_msg,
  subj="Automatic reply: ", hdr=[("Auto-Submitted", "auto-replied"), ("X-Mailer", "WXWork Mail")],
  text="""
    您好，我已休年假（9月10日-9月14日），期间不能及时查看邮件，紧急事项请联系丁娜 dingna@shenghe-soft.example.cn。谢谢！
  """, expect={"intent": "auto_reply"}, label_client="wecom",
  note="Chinese holiday auto-reply with an English subject prefix; names a contact (not a delegate).")

R("", "invite", "postfix", ("", "MAILER-DAEMON@mx.meetloop.example.com"), "2026-10-09 11:41:02 +0800", INV2, "",
  build=report_msg, mfrom="MAILER-DAEMON@mx.meetloop.example.com (Mail Delivery System)",
  subj="Undelivered Mail Returned to Sender", rcpt="j.ortega@acero-norte.example.es",
  hdr=[("Auto-Submitted", "auto-replied")],
  text="""
    This is the mail system at host mx.meetloop.example.com.

    I'm sorry to have to inform you that your message could not
    be delivered to one or more recipients.

    <j.ortega@acero-norte.example.es>: host mx1.acero-norte.example.es[203.0.113.25]
        said: 550 5.1.1 <j.ortega@acero-norte.example.es>: Recipient address
        rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)
  """, status="""
    Reporting-MTA: dns; mx.meetloop.example.com
    X-Postfix-Queue-ID: 4Fq2Lb0x9Kz3
    Arrival-Date: Fri,  9 Oct 2026 11:40:58 +0800 (CST)

    Final-Recipient: rfc822; j.ortega@acero-norte.example.es
    Original-Recipient: rfc822;j.ortega@acero-norte.example.es
    Action: failed
    Status: 5.1.1
    Remote-MTA: dns; mx1.acero-norte.example.es
    Diagnostic-Code: smtp; 550 5.1.1 <j.ortega@acero-norte.example.es>: Recipient address rejected: User unknown
  """, expect={"intent": "bounce", "failed_recipient": "j.ortega@acero-norte.example.es"},
  label_client="postfix", lang="en",
  note="Postfix DSN (multipart/report) with Auto-Submitted -> bounce, failed recipient is the delegated address.")

R("", "task", "exchange-de", ("", "postmaster@kessler-antriebe.example.de"), "2026-10-20 09:00:40 +0200", T3, "",
  build=report_msg, mfrom="Microsoft Outlook <postmaster@kessler-antriebe.example.de>",
  subj="Unzustellbar: " + T3.subject, rcpt="A.Schmidt@kessler-antriebe.example.de",
  text="""
    Die Nachricht konnte nicht an folgende Empfänger zugestellt werden:

    A.Schmidt@kessler-antriebe.example.de
    Das Postfach des Empfängers ist voll und kann zurzeit keine Nachrichten annehmen.
  """, status="""
    Reporting-MTA: dns;EX02.kessler-antriebe.example.de
    Received-From-MTA: dns;mx.meetloop.example.com
    Arrival-Date: Tue, 20 Oct 2026 07:00:38 +0000

    Final-Recipient: rfc822;A.Schmidt@kessler-antriebe.example.de
    Action: failed
    Status: 5.2.2
    Diagnostic-Code: smtp;554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException
  """, expect={"intent": "bounce", "failed_recipient": "a.schmidt@kessler-antriebe.example.de"},
  label_client="exchange-de", lang="de",
  note="German Exchange NDR (Unzustellbar), mailbox full; failed recipient written in mixed case -> lower-case.")


def qq_bounce(c):
    part = textpart(dedent(c.text) + "\n", "html", "gb18030", "b64")
    headers = [("From", "\"{}\" <postmaster@qq.example.com>".format(ew("系统退信", "gb18030"))),
               ("To", SERVICE[1]), ("Subject", ew("退信：" + c.orig.subject, "gb18030")),
               ("Date", format_datetime(c.date)), ("Message-ID", f"<{H(c.id, 24)}@qq.example.com>"),
               ("X-QQ-MIME", "TCMime 1.0 by Tencent")]
    return to_bytes(finish(part, headers))


R("", "poll", "qqmail", ("", "postmaster@qq.example.com"), "2026-09-21 10:05:40 +0800", POLL1, "", build=qq_bounce,
  text="""
    <html><body><div>很抱歉您发送的邮件被退回，以下是该邮件的相关信息：</div>
    <table><tr><td>被退回的邮件：</td><td>时间征询：二期接口方案讨论会</td></tr>
    <tr><td>收件人：</td><td>2291736450@qq.example.com</td></tr>
    <tr><td>退信原因：</td><td>收件人邮箱地址不存在，请核实后重新发送。</td></tr></table>
    <div>(错误码：550 Mailbox not found)</div></body></html>
  """, expect={"intent": "bounce", "failed_recipient": "2291736450@qq.example.com"}, label_client="qqmail",
  note="QQ-style HTML bounce without multipart/report; postmaster sender + failure text; the failed address is a mistyped QQ number.")


# ==========================================================================
# context unknown ("any")
# ==========================================================================

R("", "any", "gmail-zh", PANTAO, "2026-12-02 20:10:00 +0800", None, "收到，验收通过，辛苦各位！", q="none",
  subject="Re: 二期部署包", expect={"intent": "pass"},
  note="Context unknown, no quoted history; pass from the text alone.")

R("", "any", "ios", WANGJIE, "2026-12-01 08:05:00 +0800", None, "不好意思，周三那个会我去不了了。", "发自我的iPhone",
  q="none", subject="Re: 周三评审会", expect={"intent": "decline"},
  note="Context unknown; a decline from the text alone.")

R("", "any", "qqmail", LIUQQ, "2026-12-03 17:50:00 +0800", None, "报告今天交不了，下周二前给您。", q="none",
  subject="回复：检测报告", expect={"intent": "delay", "new_due": "2026-12-08T18:00:00+08:00"},
  note="Context unknown; delay; 下周二 from Thu Dec 3 = Tue Dec 8 18:00.")

R("", "any", "outlook-en", OLIVIA, "2026-11-02 08:30:00 -0800", None, """
    Quick question: is the Nov 18 review on site in Ningbo or online? I need to book flights if it's on site.
""", """
    Olivia Grant | Program Manager
    Bluefin Robotics Inc.
""", q="none", subject="RE: Digital Twin Pilot", expect={"intent": "question"}, lang="en",
  note="Context unknown; a question.")


# ==========================================================================
# minutes written or forwarded by the minute-taker
# ==========================================================================

OL_HDR = [("X-Mailer", "Microsoft Outlook 16.0")]

M("", "foxmail", "2026-09-16T16:00:00+08:00", lambda i: minutes_bytes(
    i, ZHOUMING, [SERVICE], "2026-09-16 16:40:00 +0800", "产线数字孪生项目第二次联合评审会 会议纪要", """
    产线数字孪生项目第二次联合评审会 会议纪要
    时间：9月16日 14:00-16:00    地点：207会议室
    参会：周明、王婕、胡军、叶青、黄明辉（线上）

    一、会议决定
    1. 一期模型验收通过，尾款按合同第7条支付。
    2. 二期接口采用MQTT协议，点表以V2.4为准。
    二、行动项
    3. 提交二期接口设计文档    负责人：胡军    完成时间：5个工作日内
    4. 协调产线停机窗口方案    负责人：王婕    完成时间：10月9日前
    三、遗留问题
    5. 历史数据迁移费用由谁承担？    负责人：商务部    完成时间：下周三

    周明
    宁波启衡智能装备有限公司  项目管理部
""", cs="gbk", hdr=[("X-Mailer", "Foxmail 7.2.25.375[cn]")]),
  [("decision", "尾款按合同第7条支付", None, None),
   ("decision", "点表以V2.4为准", None, None),
   ("task", "提交二期接口设计文档", "胡军", "2026-09-22T18:00:00+08:00"),
   ("task", "协调产线停机窗口方案", "王婕", "2026-10-09T18:00:00+08:00"),
   ("question", "历史数据迁移费用由谁承担", "商务部", "2026-09-23T18:00:00+08:00")],
  "Own headings (会议决定/行动项/遗留问题), owner and deadline as 负责人：/完成时间： columns in the line. Anchor Wed Sep 16 16:00. 5个工作日: Sep 17, 18, Sun Sep 20 (调休 worked), Sep 21, Sep 22 -> Sep 22 18:00 (chinesecalendar). 下周三 = Sep 23. '验收通过' inside a decision is minutes content.")

M("", "outlook-zh", "2026-09-22T11:30:00+08:00", lambda i: minutes_bytes(
    i, YEQING, [SERVICE], "2026-09-22 12:10:00 +0800", "二期接口方案讨论会纪要", """
    各位：

    今天讨论会的结论如下：

    经讨论，二期接口统一采用JSON格式，时间戳一律使用UTC。
    曹磊负责MQTT网关联调，10月16日前完成。
    丁娜负责点表映射校对，本周内完成。
    叶青负责编写联调测试用例，9月30日前完成。
    遗留问题：网关固件是否需要升级到3.x？由启衡设备部确认。

    叶青
    合肥晟禾软件有限公司 测试部
""", cs="gb18030", cte="b64", hdr=OL_HDR),
  [("decision", "JSON格式", None, None),
   ("task", "MQTT网关联调", "曹磊", "2026-10-16T18:00:00+08:00"),
   ("task", "点表映射校对", "丁娜", "2026-09-24T18:00:00+08:00"),
   ("task", "联调测试用例", "叶青", "2026-09-30T18:00:00+08:00"),
   ("question", "网关固件是否需要升级", "启衡设备部", None)],
  "Prose lines 'X负责…，日期前完成' without headings. Anchor Tue Sep 22 11:30. 本周内 (week Sep 21-27): Fri Sep 25 is 中秋 off, weekend off -> Thu Sep 24 18:00 (chinesecalendar).")

M("", "gmail-en", "2026-10-14T17:00:00+08:00", lambda i: minutes_bytes(
    i, OLIVIA, [SERVICE], "2026-10-14 02:30:00 -0700", "Partner sync - notes", """
    Partner sync - notes (Oct 14)
    Attendees: Claire, Markus, Lucía, Marco, Sanne, Erik, Olivia

    Decided:
    - Pilot extended to a second line in Q1 2027.
    - Sensor data of EU partners stays in the EU region.

    AI: Markus - torque curves for the new drives, by Oct 23
    AI: Claire - lighting-line layout within 3 business days
    AI: Sanne - data export script for line 2, by next Friday

    Open: who hosts the shared dashboard after the pilot?

    Olivia
""", cs="utf-8", cte="qp"),
  [("decision", "second line", None, None),
   ("decision", "EU region", None, None),
   ("task", "torque curves", "Markus", "2026-10-23T18:00:00+08:00"),
   ("task", "lighting-line layout", "Claire", "2026-10-19T18:00:00+08:00"),
   ("task", "data export script", "Sanne", "2026-10-23T18:00:00+08:00"),
   ("question", "shared dashboard", None, None)],
  "English 'AI:' lines 'Name - action, deadline'. Anchor Wed Oct 14 17:00 +08:00 (the mail's Date is in -07:00; the anchor decides). 3 business days: Oct 15, 16, 19 -> Oct 19 18:00. 'next Friday' = Friday of the week after (Oct 19-25) = Oct 23.", lang="en")

M("", "outlook-en", "2026-10-28T16:00:00+08:00", lambda i: minutes_bytes(
    i, OLIVIA, [SERVICE], "2026-10-28 01:40:00 -0700", "Minutes - Q4 steering call", """
    Q4 steering call - minutes

    1. Budget for phase 2 approved at EUR 180k.
    ACTION: Spare-part list for the pilot line - by Nov 6 - Tanaka
    ACTION: Calibration certificates - by end of month - Ivanov
    ACTION: Draft data-retention policy - by Friday - Erik
    QUESTION: Does the Swedish site need a separate DPA? - Kasia to check

    Best regards,
    Olivia Grant | Program Manager
    Bluefin Robotics Inc.
""", cs="utf-8", cte="qp", hdr=OL_HDR),
  [("decision", "EUR 180k", None, None),
   ("task", "Spare-part list", "Tanaka", "2026-11-06T18:00:00+08:00"),
   ("task", "Calibration certificates", "Ivanov", "2026-10-30T18:00:00+08:00"),
   ("task", "data-retention policy", "Erik", "2026-10-30T18:00:00+08:00"),
   ("question", "separate DPA", "Kasia", None)],
  "ACTION:/QUESTION: lines with the owner written after the deadline. Anchor Wed Oct 28 16:00. end of month = last working day of October = Fri Oct 30; by Friday (week Oct 26-Nov 1) = Oct 30.", lang="en")

M("", "apple", "2026-11-05T15:00:00+08:00", lambda i: minutes_bytes(
    i, OLIVIA, [SERVICE], "2026-11-04 23:30:00 -0800", "Recap of today's call", """
    Hi all,

    Quick recap of today's call.

    We agreed to move the go-live to December 14.
    Olivia will send the updated project plan by Friday.
    Marco will check the gearbox lead times and report back within 2 business days.
    Sanne will prepare the dashboard mock-up by next Wednesday.
    One thing we could not settle: whether the training is on site or remote.

    Cheers,
    Olivia

    Sent from my iPad
""", cs="utf-8", cte="qp", hdr=[("X-Mailer", "iPad Mail (22B83)")]),
  [("decision", "go-live to December 14", None, None),
   ("task", "updated project plan", "Olivia", "2026-11-06T18:00:00+08:00"),
   ("task", "gearbox lead times", "Marco", "2026-11-09T18:00:00+08:00"),
   ("task", "dashboard mock-up", "Sanne", "2026-11-11T18:00:00+08:00"),
   ("question", "training is on site or remote", None, None)],
  "Prose 'X will … by …' without headings. Anchor Thu Nov 5 15:00 +08:00. by Friday = Nov 6; 2 business days: Nov 6, Nov 9 -> Nov 9; next Wednesday (week Nov 9-15) = Nov 11. 'December 14' in a decision is no deadline.", lang="en")

TABLE6 = """
<p>各位好，11月18日季度会议纪要如下（表格）：</p>
<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse">
<tr><th>序号</th><th>事项</th><th>类型</th><th>负责人</th><th>截止时间</th></tr>
<tr><td>1</td><td>第二批联网设备共42台，12月25日前完成安装</td><td>决议</td><td>鼎裕机械</td><td>12月25日</td></tr>
<tr><td>2</td><td>网关费用由鼎裕机械与启衡各负担50%</td><td>决议</td><td>—</td><td>—</td></tr>
<tr><td>3</td><td>提交网关运输方案</td><td>任务</td><td>港湾物流</td><td>11月25日</td></tr>
<tr><td>4</td><td>现场施工安全交底</td><td>任务</td><td>启衡安环部</td><td>2个工作日内</td></tr>
<tr><td>5</td><td>是否需要增加备用网关？</td><td>疑问</td><td>沈立</td><td>下周一</td></tr>
</table>
<p>周明<br>启衡智能 项目管理部</p>
"""

M("", "outlook-zh", "2026-11-18T11:30:00+08:00", lambda i: minutes_bytes(
    i, ZHOUMING, [SERVICE], "2026-11-18 13:05:00 +0800", "11月18日季度会议纪要", None, TABLE6,
    cs="utf-8", cte="b64", hdr=OL_HDR),
  [("decision", "第二批联网设备共42台", "鼎裕机械", "2026-12-25T18:00:00+08:00"),
   ("decision", "网关费用由鼎裕机械与启衡各负担50%", None, None),
   ("task", "提交网关运输方案", "港湾物流", "2026-11-25T18:00:00+08:00"),
   ("task", "现场施工安全交底", "启衡安环部", "2026-11-20T18:00:00+08:00"),
   ("question", "是否需要增加备用网关", "沈立", "2026-11-23T18:00:00+08:00")],
  "HTML-only table with a 类型 column; '—' means none. Anchor Wed Nov 18 11:30. 2个工作日: Nov 19, 20 -> Nov 20; 下周一 = Nov 23. A decision with owner and date keeps kind decision.")

INNER7 = Orig("fwd.b7", "9月29日接口讨论会纪要", "2026-09-29 16:30:00 +0800", [ZHOUMING], """
    9月29日接口讨论会纪要

    决议：网关与平台之间的心跳间隔定为30秒。
    任务：曹磊完成MQTT网关联调，截止10月16日。
    任务：丁娜*负责点表映射校对，3个工作日内完成。
    疑问：平台侧证书由谁签发？负责人：胡军，明天答复。

    叶青
""", sender=YEQING)

M("", "foxmail", "2026-09-29T16:00:00+08:00", lambda i: minutes_bytes(
    i, ZHOUMING, [SERVICE], "2026-09-29 17:02:00 +0800", "转发：9月29日接口讨论会纪要",
    "转给会议助手，请按这份纪要跟踪。", fwd=("foxmail", INNER7), cs="gbk",
    hdr=[("X-Mailer", "Foxmail 7.2.25.375[cn]")]),
  [("decision", "心跳间隔定为30秒", None, None),
   ("task", "MQTT网关联调", "曹磊", "2026-10-16T18:00:00+08:00"),
   ("task", "点表映射校对", "丁娜", "2026-10-09T18:00:00+08:00"),
   ("question", "证书由谁签发", "胡军", "2026-09-30T18:00:00+08:00")],
  "Foxmail forward of the recorder's mail (the forwarded part IS the content; the forwarder's line is not an item). Anchor Tue Sep 29 16:00. 3个工作日: Sep 30 (1), Oct 1-7 国庆 off, Oct 8 (2), Oct 9 (3) -> Oct 9 18:00 (chinesecalendar). 明天 = Sep 30. Placeholder '丁娜*'.")

M("", "wecom", "2026-10-12T10:00:00+08:00", lambda i: minutes_bytes(
    i, CAOLEI, [SERVICE], "2026-10-12 10:20:00 +0800", "【周会小结】10月12日", """
    【周会小结】10月12日

    • 二期排期不变，11月30日上线。
    • 测试环境本周内由晟禾搭好。
    • 启衡提供10台设备做灰度，今天下班前把设备清单发给晟禾。
    • 上线前是否需要做第三方安全测评，待定。

    发自我的企业微信
""", cs="utf-8", hdr=[("X-Mailer", "WXWork Mail")]),
  [("decision", "二期排期不变", None, None),
   ("task", "测试环境", "晟禾", "2026-10-16T18:00:00+08:00"),
   ("task", "设备清单", "启衡", "2026-10-12T18:00:00+08:00"),
   ("question", "第三方安全测评", None, None)],
  "Bullets without headings or labels. Anchor Mon Oct 12 10:00. 本周内 = Fri Oct 16; 今天下班前 = today 18:00. '11月30日上线' is the content of a decision, not a deadline (no 前/截止).")

M("", "netease163", "2026-12-02T15:30:00+08:00", lambda i: minutes_bytes(
    i, WANGJIE, [SERVICE], "2026-12-02 16:05:00 +0800", "培训安排讨论", None, divs(dedent("""
    各位好，今天下午关于培训安排的会，简单记一下：

    大家同意培训分两期，第一期12月15日在宁波现场，第二期线上。肖雨负责把课件定稿，12月9日前发给大家；场地和茶歇由王婕落实，下周一前确认；培训签到表的模板张伟明天给出来。还有一个没定的：外地学员的差旅费谁出，没有结论。

    王婕
    """)), cs="gbk", hdr=[("X-Mailer", "Coremail Webmail Server Version XT5.0.14 build 20240201(0b3a6c8e)")]),
  [("decision", "培训分两期", None, None),
   ("task", "课件定稿", "肖雨", "2026-12-09T18:00:00+08:00"),
   ("task", "场地和茶歇", "王婕", "2026-12-07T18:00:00+08:00"),
   ("task", "签到表", "张伟", "2026-12-03T18:00:00+08:00"),
   ("question", "差旅费谁出", None, None)],
  "One paragraph of prose, HTML-only GBK, several items per sentence. Anchor Wed Dec 2 15:30: 下周一 = Dec 7; 明天 = Dec 3.")

M("", "thunderbird", "2026-10-21T18:30:00+08:00", lambda i: minutes_bytes(
    i, SANNE, [SERVICE], "2026-10-21 12:45:00 +0200", "Minutes line-2 sensor review", """
    Line-2 sensor review, Oct 21

    Decisions
    - Line 2 sensors to be replaced by the M12 type.

    Action items
    Owner     | Action                          | Due
    Sanne     | Export script for line 2        | EOD
    Erik      | Retention policy draft          | end of week
    Kessler   | Final torque curves             | Oct 23

    Open questions
    - Is the M12 sensor certified for ATEX zone 2?

    --\x20
    Sanne de Vries
    PolderData B.V.
""", cs="utf-8", cte="8bit", hdr=[("User-Agent", "Mozilla Thunderbird")]),
  [("decision", "M12 type", None, None),
   ("task", "Export script for line 2", "Sanne", "2026-10-21T23:59:00+08:00"),
   ("task", "Retention policy draft", "Erik", "2026-10-23T18:00:00+08:00"),
   ("task", "Final torque curves", "Kessler", "2026-10-23T18:00:00+08:00"),
   ("question", "ATEX zone 2", None, None)],
  "Plain-text pipe table Owner|Action|Due under 'Action items'. Anchor Wed Oct 21 18:30 +08:00, already past 18:00: EOD -> 23:59 the same day. end of week = last working day of Oct 19-25 = Fri Oct 23.", lang="en")

M("", "outlook-tw", "2026-11-18T11:30:00+08:00", lambda i: minutes_bytes(
    i, TSAIYT, [SERVICE], "2026-11-18 14:20:00 +0800", "設備聯網改造季度會議紀要", """
    各位好，季度會議紀要如下：

    決議：第二批聯網設備共42台，12月25日前完成安裝。
    任務：港灣物流* 於11月25日前提交網關運輸方案。
    任務：鼎裕機械提供設備清單，3天內。
    疑問：網關是否需要防爆認證？由蔡宜庭確認，本週內答覆。

    蔡宜庭 Tsai Yi-Ting
    鼎裕機械股份有限公司 採購課
""", cs="big5", hdr=OL_HDR),
  [("decision", "第二批聯網設備共42台", None, "2026-12-25T18:00:00+08:00"),
   ("task", "網關運輸方案", "港灣物流", "2026-11-25T18:00:00+08:00"),
   ("task", "設備清單", "鼎裕機械", "2026-11-21T18:00:00+08:00"),
   ("question", "防爆認證", "蔡宜庭", "2026-11-20T18:00:00+08:00")],
  "Guide labels in Traditional Chinese (決議/任務/疑問), Big5. Anchor Wed Nov 18 11:30. 3天內 = Nov 21 18:00 (calendar days, a Saturday); 本週內 = Fri Nov 20. A decision with a date and no owner.", lang="zh-TW")

M("", "gmail-zh", "2026-12-07T16:00:00+08:00", lambda i: minutes_bytes(
    i, CAOLEI, [SERVICE], "2026-12-07 16:30:00 +0800", "会议纪要（12月7日 二期上线准备会）", """
    会议纪要（12月7日 二期上线准备会）

    1）上线窗口定在12月14日晚22:00。
    2）部署手册终稿——12月10日前——胡军
    3）回滚方案演练——本周五——曹磊、丁娜
    4）客户侧UAT签字——下周二前——启衡 王婕
    5）待确认：割接当晚是否需要供应商现场值守？
""", cs="utf-8"),
  [("decision", "上线窗口定在12月14日", None, None),
   ("task", "部署手册终稿", "胡军", "2026-12-10T18:00:00+08:00"),
   ("task", "回滚方案演练", "曹磊、丁娜", "2026-12-11T18:00:00+08:00"),
   ("task", "UAT签字", "启衡 王婕", "2026-12-15T18:00:00+08:00"),
   ("question", "供应商现场值守", None, None)],
  "Numbered '1）' lines 'action——deadline——owner' (owner after the deadline), no headings. Anchor Mon Dec 7 16:00. 本周五 = Dec 11; 下周二 = Dec 15. Two owners as written.")

INNER13 = Orig("fwd.b13", "Minutes - steering committee Nov 25", "2026-11-25 01:20:00 -0800", [OLIVIA], """
    Decisions
    1. Phase 2 scope frozen as per v1.3.
    2. Weekly status reports move to Mondays.
    Action items
    3. Olivia Grant: consolidate the risk register, within 24 hours.
    4. Markus Weber: send the motor test report by Dec 4.
    5. PolderData: dashboard access for all partners by end of month.
    Open questions
    6. Licence cost of the dashboard after 2027?
""", sender=SANNE)

M("", "outlook-en", "2026-11-25T16:00:00+08:00", lambda i: minutes_bytes(
    i, OLIVIA, [SERVICE], "2026-11-25 01:45:00 -0800", "FW: Minutes - steering committee Nov 25",
    "FYI, minutes from Sanne below.", fwd=("outlook:en", INNER13), cs="utf-8", cte="qp", hdr=OL_HDR),
  [("decision", "scope frozen", None, None),
   ("decision", "Weekly status reports", None, None),
   ("task", "risk register", "Olivia Grant", "2026-11-26T16:00:00+08:00"),
   ("task", "motor test report", "Markus Weber", "2026-12-04T18:00:00+08:00"),
   ("task", "dashboard access", "PolderData", "2026-11-30T18:00:00+08:00"),
   ("question", "Licence cost", None, None)],
  "Outlook FW: with From:/Sent: header block; the forwarded part is the content. Anchor Wed Nov 25 16:00 +08:00: within 24 hours = Nov 26 16:00; end of month = last working day of November = Mon Nov 30. 'Mondays' is a recurrence, no due.", lang="en")

M("", "netease126", "2026-10-23T17:30:00+08:00", lambda i: minutes_bytes(
    i, LIUQQ, [SERVICE], "2026-10-23 18:05:00 +0800", "质量周会纪要 10/23", None, divs(dedent("""
    质量周会纪要 10/23

    【定了的事】
    · 来料抽检比例从5%提到10%。
    · 不合格品一律退回，不做让步接收。
    【要做的事】
    · 出一版新的抽检作业指导书（截止：10月30日；负责：质量部）
    · 供应商整改报告（截止：下周三；负责：乙方）
    · 复检设备校准（截止：月底前；负责：刘晴）
    【没结论的】
    · 运费由谁承担？
    """)), cs="utf-8", cte="qp"),
  [("decision", "抽检比例从5%提到10%", None, None),
   ("decision", "不合格品一律退回", None, None),
   ("task", "抽检作业指导书", "质量部", "2026-10-30T18:00:00+08:00"),
   ("task", "供应商整改报告", "乙方", "2026-10-28T18:00:00+08:00"),
   ("task", "复检设备校准", "刘晴", "2026-10-30T18:00:00+08:00"),
   ("question", "运费由谁承担", None, None)],
  "Colloquial headings (定了的事/要做的事/没结论的), '·' bullets, deadline and owner in brackets after the item. Anchor Fri Oct 23 17:30: 下周三 = Oct 28; 月底前 = Fri Oct 30 (Oct 31 is Saturday).")

M("", "feishu", "2026-09-24T19:00:00+08:00", lambda i: minutes_bytes(
    i, GAOYAN, [SERVICE], "2026-09-24 19:20:00 +0800", "节前安全会纪要", """
    节前安全会纪要

    【决议】
    1. 中秋国庆期间现场停工，10月8日复工。
    【任务】
    2. 王婕：会后当天把停工通知发给各班组。
    3. 沈立：48小时内完成设备断电检查清单。
    4. 高燕：后天之前订好节后第一周的物料车。
    【疑问】
    5. 节日值班人员名单是否需要报园区备案？（负责：高燕）
""", cs="utf-8", hdr=[("X-Mailer", "Feishu Mail")]),
  [("decision", "现场停工", None, None),
   ("task", "停工通知", "王婕", "2026-09-24T23:59:00+08:00"),
   ("task", "设备断电检查清单", "沈立", "2026-09-26T19:00:00+08:00"),
   ("task", "物料车", "高燕", "2026-09-26T18:00:00+08:00"),
   ("question", "值班人员名单", "高燕", None)],
  "Meeting ended after 18:00 (Thu Sep 24 19:00): 会后当天 -> 23:59 the same day; 48小时内 = Sep 26 19:00 exactly; 后天 = Sep 26 18:00 (calendar day although a weekend). '10月8日复工' is decision content.")

M("", "gmail-en", "2026-11-11T11:00:00+08:00", lambda i: minutes_bytes(
    i, PANTAO, [SERVICE], "2026-11-11 11:40:00 +0800", "Notes - 接口周会 11/11", """
    Notes - 接口周会 11/11

    Decisions:
    - 错误码统一用 HTTP status + 业务码

    AI:
    - 叶青: 补充错误码文档, by Fri
    - 曹磊: 压测报告, within 3 days
    - 潘涛: review 数据字典, by Nov 20

    Q: 是否保留v1接口到明年？
""", cs="utf-8", cte="b64"),
  [("decision", "错误码统一用", None, None),
   ("task", "补充错误码文档", "叶青", "2026-11-13T18:00:00+08:00"),
   ("task", "压测报告", "曹磊", "2026-11-14T18:00:00+08:00"),
   ("task", "数据字典", "潘涛", "2026-11-20T18:00:00+08:00"),
   ("question", "保留v1接口", None, None)],
  "Mixed Chinese/English tech notes ('AI:' block, 'Q:'). Anchor Wed Nov 11 11:00: by Fri = Nov 13; within 3 days = Nov 14 18:00 (calendar); by Nov 20.", lang="zh")

TABLE17 = """
<div>Hello all, minutes of today's go-live readiness review:</div>
<table border="1" style="border-collapse:collapse">
<tr><td><b>#</b></td><td><b>Item</b></td><td><b>Type</b></td><td><b>Owner</b></td><td><b>Due</b></td></tr>
<tr><td>1</td><td>Go-live on Dec 14 confirmed</td><td>Decision</td><td>&ndash;</td><td>&ndash;</td></tr>
<tr><td>2</td><td>Rollback drill</td><td>Action</td><td>Hu Jun</td><td>Dec 11</td></tr>
<tr><td>3</td><td>Hypercare rota for the first week</td><td>Action</td><td>Bluefin</td><td>within 2 working days</td></tr>
<tr><td>4</td><td>Who signs off the go/no-go?</td><td>Question</td><td>Zhou Ming</td><td>tomorrow</td></tr>
</table>
<div>Regards,<br>Olivia</div>
"""

M("", "outlook-en", "2026-12-09T15:00:00+08:00", lambda i: minutes_bytes(
    i, OLIVIA, [SERVICE], "2026-12-08 23:20:00 -0800", "Minutes - go-live readiness review", None, TABLE17,
    cs="utf-8", cte="qp", hdr=OL_HDR),
  [("decision", "Go-live on Dec 14", None, None),
   ("task", "Rollback drill", "Hu Jun", "2026-12-11T18:00:00+08:00"),
   ("task", "Hypercare rota", "Bluefin", "2026-12-11T18:00:00+08:00"),
   ("question", "go/no-go", "Zhou Ming", "2026-12-10T18:00:00+08:00")],
  "English HTML table (#/Item/Type/Owner/Due), en dash for none. Anchor Wed Dec 9 15:00: 2 working days = Dec 10, 11 -> Dec 11; tomorrow = Dec 10.", lang="en")

M("", "foxmail", "2026-09-18T10:00:00+08:00", lambda i: minutes_bytes(
    i, ZHOUMING, [SERVICE], "2026-09-18 10:35:00 +0800", "9月18日碰头会纪要", """
    9月18日碰头会纪要

    决议：尾款按合同第7条支付，不再分期。

    待办事项：
    序号  事项              负责人    截止时间
    1     设备台账更新      沈立      9月24日
    2     停机窗口方案      王婕      9月30日
    3     顾问报告初稿      潘涛      2个工作日内

    周明
""", cs="gbk", hdr=[("X-Mailer", "Foxmail 7.2.25.375[cn]")]),
  [("decision", "尾款按合同第7条支付", None, None),
   ("task", "设备台账更新", "沈立", "2026-09-24T18:00:00+08:00"),
   ("task", "停机窗口方案", "王婕", "2026-09-30T18:00:00+08:00"),
   ("task", "顾问报告初稿", "潘涛", "2026-09-21T18:00:00+08:00")],
  "Plain-text columns 序号/事项/负责人/截止时间 aligned with spaces. Anchor Fri Sep 18 10:00: 2个工作日 = Sun Sep 20 (调休, worked) (1), Mon Sep 21 (2) -> Sep 21 18:00 (chinesecalendar).")

INNER19 = Orig("fwd.b19", "港灣物流運輸協調會紀要", "2026-11-25 12:30:00 +0800", [ZHOUMING], """
    港灣物流運輸協調會紀要（11月25日）

    一、決議
    1. 運輸採用海運加陸運聯運，不走空運。
    二、待辦
    1. 港灣物流：12月1日前提交最終報價。
    2. 鼎裕機械：明天提供包裝尺寸。
    三、待確認
    1. 保險由哪方購買？（負責：陳嘉敏，本週內答覆）

    陳嘉敏
""", sender=CHANKM)

M("", "netease163", "2026-11-25T12:00:00+08:00", lambda i: minutes_bytes(
    i, ZHOUMING, [SERVICE], "2026-11-25 13:10:00 +0800", "Fw:港灣物流運輸協調會紀要",
    "请跟踪以下纪要。", fwd=("163", INNER19), cs="utf-8", cte="b64"),
  [("decision", "海運加陸運聯運", None, None),
   ("task", "最終報價", "港灣物流", "2026-12-01T18:00:00+08:00"),
   ("task", "包裝尺寸", "鼎裕機械", "2026-11-26T18:00:00+08:00"),
   ("question", "保險由哪方購買", "陳嘉敏", "2026-11-27T18:00:00+08:00")],
  "163 forward ('-------- 转发邮件信息 --------' + '在 … 写道：') of Traditional minutes with headings 一、決議/二、待辦/三、待確認; numbering restarts per heading. Anchor Wed Nov 25 12:00: 明天 = Nov 26; 本週內 = Fri Nov 27.", lang="zh-TW")

M("", "gmail-en", "2026-10-30T16:30:00+08:00", lambda i: minutes_bytes(
    i, CLAIRE, [SERVICE], "2026-10-30 09:50:00 +0100", "Summary of today's call", """
    Summary of today's call (Oct 30):

    - Agreed: the pilot KPI is OEE +5% on line 2.
    - Claire to share the lighting-line energy data by Nov 6.
    - Marco to confirm the gearbox delivery dates by next Wednesday.
    - Open: do we need a second review in December?

    Bien cordialement,
    Claire
""", cs="utf-8", cte="qp"),
  [("decision", "OEE +5%", None, None),
   ("task", "energy data", "Claire", "2026-11-06T18:00:00+08:00"),
   ("task", "gearbox delivery dates", "Marco", "2026-11-04T18:00:00+08:00"),
   ("question", "second review in December", None, None)],
  "Bullets 'X to do Y by …' with 'Agreed:'/'Open:' prefixes. Anchor Fri Oct 30 16:30 +08:00 (Date header in +01:00): next Wednesday = Nov 4.", lang="en")

M("", "outlook-zh", "2026-11-27T17:00:00+08:00", lambda i: minutes_bytes(
    i, GAOYAN, [SERVICE], "2026-11-27 17:30:00 +0800", "质量会纪要（11月27日）", """
    决议事项：
    1. 验收报告按新模板出具。
    待办事项：
    2. 高燕负责验收报告盖章，本周四前完成。
    3. 刘晴负责样件检测报告，12月4日前提交。
    4. 胡军负责二期部署手册，12月10日前。
    待确认问题：
    5. 质保期从验收日还是上线日起算？由商务部确认。

    高燕
    启衡智能 总经办
    0574-8770 3325
""", cs="gbk", hdr=OL_HDR),
  [("decision", "新模板", None, None),
   ("task", "验收报告盖章", "高燕", "2026-12-03T18:00:00+08:00"),
   ("task", "样件检测报告", "刘晴", "2026-12-04T18:00:00+08:00"),
   ("task", "二期部署手册", "胡军", "2026-12-10T18:00:00+08:00"),
   ("question", "质保期从验收日还是上线日起算", "商务部", None)],
  "Anchor Fri Nov 27 17:00: 本周四 (Nov 26) is already past -> Thursday of next week, Dec 3 18:00.")

M("", "outlook-zh", "2026-09-30T11:00:00+08:00", lambda i: minutes_bytes(
    i, YEQING, [SERVICE], "2026-09-30 11:40:00 +0800", "节前版本会纪要", """
    会议纪要

    决议：
    1、国庆期间不做任何版本发布。
    任务：
    2、晟禾软件 10.9前完成补丁发布。
    3、启衡设备部 截止10月12日 完成现场升级。
    4、叶青 10月20日17:00前 提交回归测试报告。
    疑问：
    5、补丁是否需要客户重新签字确认？

    叶青 Ye Qing
    晟禾软件 · 测试部
""", cs="gb18030", hdr=OL_HDR),
  [("decision", "国庆期间不做任何版本发布", None, None),
   ("task", "补丁发布", "晟禾软件", "2026-10-09T18:00:00+08:00"),
   ("task", "现场升级", "启衡设备部", "2026-10-12T18:00:00+08:00"),
   ("task", "回归测试报告", "叶青", "2026-10-20T17:00:00+08:00"),
   ("question", "客户重新签字确认", None, None)],
  "'1、' numbering; owner first without a verb; date forms '10.9前', '截止10月12日', '10月20日17:00前'. Anchor Wed Sep 30 11:00.")

M("", "apple", "2026-12-15T10:00:00+08:00", lambda i: minutes_bytes(
    i, ZHOUMING, [SERVICE], "2026-12-15 10:30:00 +0800", "上线复盘会结论", """
    上线复盘会结论：

    1. 二期上线成功，进入一周的保障期。
    2. 保障期内问题统一走飞书群“二期保障”登记。
    3. 保障期结束后召开总结会，时间另行通知。

    发自我的 Mac
""", cs="utf-8", cte="qp", hdr=[("X-Mailer", "Apple Mail (2.3826.300.87)")]),
  [("decision", "二期上线成功", None, None),
   ("decision", "二期保障", None, None),
   ("decision", "召开总结会", None, None)],
  "Decisions only, heading 结论, no owners or dates; 'the date will be announced' is no deadline.")

M("", "outlook-en", "2026-11-11T17:00:00-08:00", lambda i: minutes_bytes(
    i, OLIVIA, [SERVICE], "2026-11-11 17:40:00 -0800", "Minutes - gateway vendor decision", """
    Decisions
    - We go with vendor B for the edge gateways.

    Action items
    - Olivia: PO for vendor B, within 24 hours.
    - Tanaka-san: firmware compatibility list by 5pm on Nov 13.
    - Erik: updated cost sheet by end of week.

    Open questions
    - Does vendor B support MQTT 5?

    Thanks,
    Olivia
""", cs="utf-8", cte="qp", hdr=OL_HDR),
  [("decision", "vendor B for the edge gateways", None, None),
   ("task", "PO for vendor B", "Olivia", "2026-11-12T17:00:00-08:00"),
   ("task", "firmware compatibility list", "Tanaka-san", "2026-11-13T17:00:00-08:00"),
   ("task", "updated cost sheet", "Erik", "2026-11-13T18:00:00-08:00"),
   ("question", "MQTT 5", None, None)],
  "Anchor in -08:00 (San Francisco), Wed Nov 11 17:00: within 24 hours = Nov 12 17:00 -08:00; by 5pm on Nov 13 = 17:00 -08:00; end of week = last working day of Nov 9-15 = Fri Nov 13 18:00 -08:00.", lang="en")

M("", "qqmail", "2026-12-29T16:00:00+08:00", lambda i: minutes_bytes(
    i, DINGNA, [SERVICE], "2026-12-29 16:45:00 +0800", "年终对账会纪要", None, divs(dedent("""
    年终对账会纪要

    决议：2026年度对账差额在3万元以内的直接核销。
    任务：财务部在2个工作日内完成对账单签章。
    任务：晟禾软件1月8日前开具剩余发票。
    任务：王婕明天把对账明细发给晟禾。

    丁娜
    """)), cs="gb18030", hdr=[("X-QQ-MIME", "TCMime 1.0 by Tencent")]),
  [("decision", "3万元以内的直接核销", None, None),
   ("task", "对账单签章", "财务部", "2026-12-31T18:00:00+08:00"),
   ("task", "开具剩余发票", "晟禾软件", "2027-01-08T18:00:00+08:00"),
   ("task", "对账明细", "王婕", "2026-12-30T18:00:00+08:00")],
  "Year end, QQ HTML-only GB18030. Anchor Tue Dec 29 16:00: 2个工作日 = Dec 30, Dec 31 -> Dec 31 18:00 (stays in 2026); '1月8日前' is the first Jan 8 on or after the anchor = 2027-01-08 (explicit date, no calendar needed); 明天 = Dec 30.")

# ==========================================================================
# write everything
# ==========================================================================

def decoded_text(path):
    """All text/* parts of a message, decoded, HTML tags stripped."""
    from email import message_from_bytes
    msg = message_from_bytes(path.read_bytes(), policy=policy.default)
    out = []
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            t = part.get_content()
            if part.get_content_subtype() == "html":
                t = htmlmod.unescape(re.sub(r"<[^>]+>", " ", t))
            out.append(t)
    return re.sub(r"\s+", "", " ".join(out))


def check(labels):
    """Every labelled body and minutes key must be in the decoded message."""
    bad = []
    for lab in labels:
        text = decoded_text(HERE / lab["file"])
        if lab["type"] == "reply":
            body = lab["expect"]["body"]
            for piece in (body or "").split(" "):
                if piece and re.sub(r"\s+", "", piece) not in text:
                    bad.append((lab["id"], piece))
        else:
            for it in lab["expect"]["items"]:
                if re.sub(r"\s+", "", it["key"]) not in text:
                    bad.append((lab["id"], it["key"]))
                if it["owner"] and re.sub(r"\s+", "", it["owner"]) not in text:
                    bad.append((lab["id"], it["owner"]))
    if bad:
        sys.exit(f"labels not found in their messages: {bad!r}")


def main():
    ids = [lab["id"] for lab, _ in CASES]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for sub in ("replies", "minutes"):
        (HERE / sub).mkdir(exist_ok=True)
        for old in (HERE / sub).glob("*.eml"):
            old.unlink()
    labels = []
    for lab, build in CASES:
        try:
            data = build()
        except Exception:
            print("while building", lab["id"], lab["note"][:60], file=sys.stderr)
            raise
        (HERE / lab["file"]).write_bytes(data)
        labels.append(lab)
    check(labels)
    (HERE / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    n_r = sum(1 for lab in labels if lab["type"] == "reply")
    print(f"{n_r} replies, {len(labels) - n_r} minutes")


if __name__ == "__main__":
    main()

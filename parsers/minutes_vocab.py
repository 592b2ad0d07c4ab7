"""The words minutes are written with, as data: one source for each vocabulary.

Labels decide an item's kind, headings open a section of items, table
headers name columns, and the owner patterns say where an owner is written.
Add a word here, not a regex in the reader.
"""

from __future__ import annotations

import re

DECISION, TASK, QUESTION = "decision", "task", "question"

# fmt: off
# Words that name a kind inside a heading ("一、决议事项", "Open questions"). When a heading
# holds several, the last one is its head noun ("Agreed actions" -> task).
KIND_WORDS: dict[str, tuple[str, ...]] = {
    DECISION: (
        "决议", "決議", "决定", "決定", "结论", "結論", "共识", "共識", "议定", "議定", "决策", "決策",
        "decisions", "decision", "agreed", "agreements", "agreement", "resolutions", "resolution",
        "conclusions", "conclusion", "outcomes", "outcome",
    ),
    TASK: (
        "任务", "任務", "待办", "待辦", "行动项", "行動項", "行动", "行動", "跟进", "跟進", "分工",
        "后续工作", "後續工作", "后续", "後續", "工作安排", "下一步", "落实", "落實", "跟踪", "追踪",
        "追蹤",
        "action items", "action item", "actions", "action", "tasks", "task", "to-dos", "to-do",
        "todos", "todo", "to do", "next steps", "follow-ups", "follow-up", "follow ups", "follow up",
        "action points", "assignments", "要求", "整改",
    ),
    QUESTION: (
        "疑问", "疑問", "问题", "問題", "待确认", "待確認", "待议", "待議", "待定", "待解决",
        "待解決", "遗留", "遺留", "待讨论", "待討論", "待厘清", "待釐清", "待澄清", "待明确", "待明確",
        "open questions", "open question", "questions", "question", "open issues", "open issue",
        "issues", "parking lot", "open points", "tbd", "unresolved", "open",
    ),
}

# Only these may stand as a label in front of an item's text ("任务：X需…"); the
# heading words above are broader ("问题" alone on a line is a heading, "问题：…" a label).
LABEL_WORDS: dict[str, tuple[str, ...]] = {
    DECISION: ("决议", "決議", "决定", "決定", "结论", "結論", "共识", "共識", "decision", "agreed",
               "resolution", "conclusion", "outcome"),
    TASK: ("任务", "任務", "待办", "待辦", "行动项", "行動項", "行动", "行動", "action item",
           "action point", "action", "task", "todo", "to-do", "follow-up", "follow up", "AI", "A/I"),
    QUESTION: ("疑问", "疑問", "问题", "問題", "待确认", "待確認", "待议", "待議", "open question",
               "question", "issue", "open issue", "still open", "open point", "open item", "TBD", "open"),
}
# Words a label may carry before its colon ("决议事项：…", "Action items: …").
LABEL_SUFFIXES = ("事项", "事項", "项", "項")

# Words that may surround a kind word in a heading without making it a sentence.
HEADING_FILLERS = (
    "会议", "會議", "会后", "會後", "本次", "主要", "事项", "事項", "列表", "清单", "清單",
    "时间表", "時間表", "安排", "计划", "計劃", "明细", "明細", "汇总", "彙總", "内容", "內容",
    "表", "项", "項", "及", "和", "与", "與", "的", "达成", "達成", "形成", "需", "工作", "责任人",
    "負責人", "负责人", "风险", "風險", "一览", "一覽", "如下", "以下", "经讨论", "經討論", "各方", "本周", "本週",
    "items", "item", "list", "and", "the", "of", "meeting", "key", "summary", "log", "tracker",
    "register", "points", "point", "made", "raised", "outstanding", "pending", "remaining",
    "owners", "owner", "due", "dates", "date", "new", "our", "with", "&", "reached", "taken",
    "risks", "risk", "for", "follow", "agreed", "by", "who", "when", "what", "following",
    "follows", "as", "were", "was", "this", "week", "today", "today's", "from",
)
# fmt: on
# Generic headings that end an item section ("二、讨论要点", "## Agenda", "【背景】").
GENERIC_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.．]|#{1,6}\s|【[^】]{1,20}】$|\[[^\]]{1,30}\]$)"
)
GENERIC_HEADING_MAX = 16  # "议程：" / "Attendees:" — a short line ending with a colon

# fmt: off
# Table columns: header words -> role. A header cell is matched whole first, then by
# the first role (in this order) whose word it contains ("负责人/部门" -> owner).
TABLE_HEADERS: dict[str, tuple[str, ...]] = {
    "owner": ("负责人", "負責人", "负责方", "負責方", "责任人", "責任人", "负责部门", "負責部門",
              "责任方", "責任方", "责任部门", "責任部門", "执行人", "執行人", "承办人", "承辦人",
              "对接人", "對接人", "跟进人", "跟進人", "负责", "負責", "责任单位", "責任單位",
              "负责单位", "負責單位", "牵头单位", "牽頭單位", "牵头部门", "主责部门", "承办单位",
              "答复方", "答覆方", "答复人", "回复人", "owner", "owners",
              "responsible", "who", "assignee", "assigned to", "pic", "lead", "action owner"),
    "due": ("截止时间", "截止時間", "截止日期", "截止", "完成时间", "完成時間", "完成日期", "时间节点",
            "時間節點", "期限", "时限", "時限", "due", "due date", "deadline", "by when", "when",
            "target date", "due by", "eta"),
    "kind": ("类型", "類型", "类别", "類別", "性质", "性質", "type", "kind", "category"),
    "index": ("序号", "序號", "编号", "編號", "#", "no", "no.", "nr", "id"),
    "text": ("事项", "事項", "内容", "內容", "事项内容", "任务", "任務", "待办事项", "工作内容",
             "议题", "議題", "决议", "决议事项", "问题", "描述", "item", "items", "action",
             "action item", "task", "description", "what", "topic", "subject", "details",
             "deliverable", "deliverables", "activity", "issue", "question", "decision", "matter",
             "交付物", "行动", "行動", "行动项", "待办", "待辦", "事宜", "问题描述"),
}
# A cell that means "nobody" / "no date".
EMPTY_CELLS = frozenset({"", "-", "—", "–", "--", "——", "/", "n/a", "na", "none", "tbd", "无", "無",
                         "暂无", "暫無", "待定", "未定", "?", "？", "…", "...", "—/—",
                         "tba", "unassigned", "nobody", "no owner", "no one", "未分配"})
# fmt: on

# Lines that open the forwarded or quoted original: the content follows, not a signature.
FORWARD_MARKERS = re.compile(
    r"^(?:-{2,}\s*(?:原始邮件|原始郵件|转发的邮件|轉發的郵件|转发邮件|轉寄郵件|Forwarded message|Original Message)\s*-{2,}"
    r"|-{3,}\s*(?:原始邮件|Original Message|Forwarded message).*"
    r"|Begin forwarded message:?|开始转发的邮件：?|開始轉寄的郵件：?|_{10,}|-{5,}\s*转发.*)$",
    re.I,
)
# A reply's subject: its quoted history is what it answers, not minutes ("Fwd:" is not a reply).
REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|sv|回复|回覆|答复|答覆)\s*[:：]", re.I)
# Reply quote headers of the common clients ("On … wrote:", "在 … 写道：", "… 于 … 写道：").
QUOTE_HEADER = re.compile(
    r"^(?:On\s.{5,160}\swrote:|在\s?.{3,120}写道[:：]?|.{1,120}于.{3,80}写道[:：]?|.{1,80}\s寫道[:：]?)$",
    re.I,
)
# Header lines inside a forwarded block.
HEADER_FIELD = re.compile(
    r"^(?:发件人|發件人|寄件者|收件人|收件者|抄送|副本|密送|主题|主題|发送时间|發送時間|寄件日期|日期|时间|"
    r"From|To|Cc|Bcc|Sent|Date|Subject|"
    # foreign partners' clients: de, fr, it, nl, sv, es, ru
    r"Von|Gesendet|An|Betreff|De|Envoyé|À|Objet|Da|Inviato|Oggetto|Van|Verzonden|Aan|Onderwerp|"
    r"Från|Skickat|Till|Ämne|Enviado|Para|Asunto|От|Отправлено|Кому|Тема)\s*[:：]",
    re.I,
)
# Sign-off formulas alone on their line: what follows is a signature.
SIGNOFFS = frozenset(
    {
        "thanks", "thank you", "many thanks", "thanks all", "best", "best regards", "regards",
        "kind regards", "warm regards", "cheers", "br", "sincerely", "thx", "谢谢", "謝謝", "多谢",
        "多謝", "此致", "敬礼", "祝好", "顺祝商祺", "順祝商祺", "顺颂商祺", "顺颂时祺", "感谢", "感謝",
        "谢谢大家", "謝謝大家", "辛苦了", "大家辛苦了",
    }
)  # fmt: skip
# A sentence that introduces a list rather than being an item ("以下为本次决议：", "see below").
LEAD_IN = re.compile(
    r"如下|以下|见下|見下|下表|below|following|as follows|see (?:the )?(?:table|list)", re.I
)
# "None"/"无" under a heading is not an item.
NOTHING = frozenset({"无", "無", "暂无", "暫無", "none", "n/a", "nil", "无。", "none."})

# List markers: "1.", "1.1", "1、", "1)", "(1)", "①", "一、", "-", "*", "•", "a)", "[ ]", "☐".
BULLET = re.compile(
    r"^(?:(?:\d{1,2}(?:\.\d{1,2})+\.?(?!\d|\s*(?:前|之前|以前|日|号|號))|\(?\d{1,2}[.、．)）](?!\d{1,2}(?:前|之前|以前|日|号|號))|[（(]\d{1,2}[)）]|[（(][一二三四五六七八九十]{1,3}[)）]"
    r"|[①-⑳]|[一二三四五六七八九十]{1,3}[、．]|[一二三四五六七八九十]是(?=\S)|[a-z][.)](?=\s)|[-*+–—](?=\s)"
    r"|[•·‧▪●○◦■□◆◇★☆►▶➤→✓✔✅☐☑]|\[[ xX✓]?\])\s*){1,2}"
)

# fmt: off
# -- owners ------------------------------------------------------------------------
# Connectors and verbs that end a Chinese owner written before them ("X在…", "X负责…").
OWNER_END_ZH = (
    "需要", "需", "须", "須", "应当", "應當", "应该", "應該", "将", "將", "负责(?!人)", "負責(?!人)",
    "牵头", "牽頭", "在", "于", "於", "把", "向", "每", "会后", "會後", "及时", "尽快", "儘快", "统一",
    "統一", "继续", "繼續", "确认", "確認", "提供", "提交", "完成", "出具", "整理", "发送", "發送",
    "发出", "發出", "准备", "準備", "跟进", "跟進", "协调", "協調", "联系", "聯繫", "安排", "组织",
    "組織", "落实", "落實", "更新", "上传", "上傳", "寄", "回复", "回覆", "答复", "答覆", "反馈",
    "反饋", "评估", "評估", "制定", "起草", "修改", "审核", "審核", "签订", "簽訂", "同步", "通知",
    "汇总", "匯總", "确定", "確定", "核实", "核實", "补充", "補充", "推进", "推進", "处理", "處理",
    "输出", "輸出", "交付", "开放", "開放", "梳理", "调研", "調研", "沟通", "溝通", "报送", "報送",
    "给出", "給出", "进行", "進行", "设计", "設計", "撰写", "撰寫", "编写", "編寫", "拟定", "擬定",
    "核对", "核對", "对接", "對接", "结算", "結算", "申请", "申請", "预订", "預訂", "邀请", "邀請",
    "启动", "啟動", "搭建", "部署", "测试", "測試", "验证", "驗證", "检查", "檢查", "说明", "說明",
    "研究", "分析", "收集", "汇报", "彙報", "上报", "上報", "提出", "调整", "調整", "执行", "執行",
    "实施", "實施", "发布", "發布", "召开", "召開", "举办", "舉辦", "修订", "修訂", "签署", "簽署",
    "审批", "審批", "支付", "付款", "采购", "採購", "安装", "安裝", "培训", "培訓", "上线", "上線",
    "验收", "驗收", "发货", "發貨", "寄送", "邮寄", "郵寄", "转交", "轉交", "补齐", "補齊", "排查",
    "解决", "解決", "起草", "审阅", "審閱", "复核", "復核", "递交", "遞交", "约", "約", "请", "請",
    "给", "給", "拟", "擬", "计划", "計劃", "预计", "預計", "争取", "爭取", "尽量", "儘量", "会同",
    "會同", "配合", "协同", "協同", "共同", "自行", "直接", "主动", "主動", "再次", "立即", "先行",
    "另行",
)
# fmt: on
# In a decision only these end an owner written first ("宏昇精密每周一提供…"): decisions
# state facts, so "现场部署采用…" or "首场沙龙定于…" name no one.
OWNER_END_ZH_DECISION = (
    "需要",
    "需",
    "须",
    "須",
    "负责(?!人)",
    "負責(?!人)",
    "牵头",
    "牽頭",
    "将",
    "將",
    "每",
    "应当",
    "應當",
)  # fmt: skip
# Words in front of an owner ("由X…", "请X…", "需X在…").
OWNER_BEFORE_ZH = ("由", "请", "請", "需要", "需", "须", "須", "交由", "并由", "並由")
OWNER_BEFORE_WEAK_ZH = ("安排",)  # "安排王磊跟进", but also "安排样品寄送"
# Leading words stripped from a name found before "*".
OWNER_LEAD_STRIP = re.compile(
    r"^(?:并由|並由|交由|由|请|請|需要|需|须|須|并|並|且|和|及|另外|同时|同時|安排)"
)
# fmt: off
# Substrings that a Chinese owner never contains ("沙龙是否…", "的", "第二批", "尽快").
OWNER_STOP_ZH = (
    "的", "尽快", "儘快", "一律", "重新", "均", "都", "全部", "及时", "及時", "立即", "马上", "馬上",
    "务必", "務必", "是否", "如何", "什么", "什麼", "哪", "吗", "嗎", "尚", "暂", "暫", "待", "已",
    "为", "為", "是", "改", "采用", "採用", "按", "从", "從", "自", "第", "本次", "会议", "會議",
    "目前", "如果", "若", "以上", "该", "該", "此", "定于", "定於", "我们", "我們", "大家",
    "会后", "會後", "一条", "一條", "补充", "補充", "双方", "雙方", "进一步", "進一步",
)
# English words that start a sentence but never name an owner.
OWNER_STOP_EN = frozenset({
    "we", "i", "you", "they", "he", "she", "it", "this", "that", "these", "those", "there", "who",
    "what", "which", "do", "does", "can", "could", "should", "would", "is", "are", "will", "please",
    "the", "a", "an", "if", "when", "how", "why", "whether", "all", "any", "no", "next", "budget",
    "agreed", "decided", "need", "needs", "plan", "plans", "target", "goal", "thanks", "thank",
    "hi", "hello", "dear", "note", "notes",
})
# fmt: on
# English verbs that follow an owner ("Tom to send", "Legal will advise").
OWNER_VERBS_EN = (
    r"(?:to|will|shall|must|should|needs?\s+to|has\s+to|is\s+to|owns|is\s+responsible|takes|"
    r"(?:agreed|promised|offered|volunteered)\s+to|"
    # a task told in the present: "Li Wei drafts the API doc by Jul 15"
    r"drafts|sends|books|prepares|updates|reviews|checks|confirms|shares|circulates|writes|"
    r"schedules|contacts|coordinates|handles|follows\s+up|sets\s+up|leads|organi[sz]es)"
)
# English modal forms that only make sense for tasks and questions ("Appendix C will use…").
OWNER_VERBS_EN_DECISION = r"(?:to|needs?\s+to|has\s+to|is\s+to|owns|is\s+responsible|takes)"
# Explicit owner fields: "负责人：X", "Owner: X", "owner - X", "责任人 张三" before another field.
OWNER_FIELD = re.compile(
    # "负责人：王磊", "owner: Li Wei", "Owner - Tom"; a Chinese field word may also be
    # followed by a space alone ("责任人 刘洋，7月13日前"), an English one may not
    # ("responsible for the rollout" is a sentence)
    r"(?:(?:负责人|負責人|负责方|負責方|责任人|責任人|执行人|執行人|跟进人|跟進人|承办人|承辦人|主责|主責)"
    r"(?:\s*(?:[:：=]|\s[-–—]\s)|[ \t\u3000]+(?=[\u4e00-\u9fffA-Z]))"
    r"|(?:负责|負責)\s*[:：]"
    r"|(?:\bowners?|\bresponsible|\bassignee|\bassigned\s+to|\bpic\b|\baction\s+owner)"
    r"\s*(?:[:：=]|\s[-–—]\s))"
    r"\s*(?P<x>[^,，;；)）(（:：|\n]{1,40}?)\s*"
    r"(?=$|[,，;；)）(（|\n。]|(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)\.(?:\s|$)|\s+(?:by|within|before|due|deadline)\b|\s+[^\s:：]{1,8}[:：]"
    r"|\s+[-–—]{1,2}(?:\s|$)|\s+/\s|\s+(?=\d|截止|截至|期限|最晚|于|於|在))",
    re.I,
)
# "(Northwind legal, by Friday)", "（周涛，截止：月底前）", "（张三，7月20日前）": a name, then the
# rest of the parenthesis, which must hold a deadline (checked by the reader).
OWNER_PAREN = re.compile(
    r"[（(\[【]\s*(?P<x>[^()（）\[\]【】,，;；:：]{2,40}?)\s*[,，;；、]\s*(?P<rest>[^()（）\[\]【】]*)[)）\]】]"
)
# "(Tom)" / "（张三）" / "【王磊】": a name alone in brackets, closing a task or followed only by
# its deadline.
OWNER_PAREN_NAME = re.compile(r"[（(\[【]\s*(?P<x>[^()（）\[\]【】,，;；:：]{2,30}?)\s*[)）\]】]")
# "完成接口文档，王磊负责，7月15日前", "（王磊负责）": the owner names themself after the item.
OWNER_AFTER_ZH = re.compile(
    r"[，,；;（(]\s*(?:由|请|請)?\s*(?P<x>[^，,。；;（）()\s]{2,10}?)\s*"
    r"(?:负责|負責|跟进|跟進|牵头|牽頭|主导|主導|落实|落實|执行|執行|承办|承辦)\s*(?=$|[，,。；;）)])"
)
# "Draft the API doc — Li Wei, Jul 15", "完成接口文档 —— 王磊，7月15日前": a dash, a name, then only
# the deadline (checked by the reader).
OWNER_DASH_THEN_DUE = re.compile(
    r"(?:——|—|–|\s-{1,2})\s*(?P<x>[^—–\-,，。；;:：()（）/]{2,24}?)\s*"
    r"(?:[,，;；]|\s[-–—]{1,2}\s|\s/\s)\s*(?P<rest>.+)$"
)
# "9月30日前完成来料复检，王建": a short name after the last comma of a dated task.
OWNER_COMMA_END = re.compile(
    r"[，,]\s*(?P<x>[\u4e00-\u9fff]{2,4}|(?:(?:Mr|Ms|Mrs|Dr)\.?\s*)?[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})\s*[.。]?$"
)
# "（王磊负责）" read as a name: the verb after it is not part of it.
OWNER_TRAILING_VERB = re.compile(
    r"(?<=..)(?:负责|負責|跟进|跟進|牵头|牽頭|会|會|将|將|要|独立|獨立|单独|單獨)$"
)
# "宁德时代的郑敏", "实验室那边Kwok先生": the organisation or side before the person is context,
# not the owner (only after an organisation word, so "沙龙的场地" stays a noun phrase).
OWNER_CONTEXT = re.compile(
    r"^[\u4e00-\u9fffA-Za-z]{1,10}?(?:(?:公司|时代|時代|集团|集團|实验室|實驗室|工厂|工廠|厂|廠|方|部|中心|科|院|组|組|所)的"
    r"|那边|那邊|这边|這邊|方面)(?=.{2,})"
)
# English titles written before a name: "Mr. Kwok", "Dr. Chan".
HONORIFICS = r"(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?"
# "The lab will send…", "the supplier to confirm…": a party named by its role, lower case.
PARTY_NOUNS = (
    "lab", "laboratory", "team", "supplier", "customer", "vendor", "client", "factory", "plant",
    "partner", "side", "buyer", "seller", "maker", "manufacturer", "agency", "contractor",
    "department", "dept", "office", "committee", "group", "host", "organizer", "organiser",
    "chair", "engineer", "engineers", "staff", "secretariat", "legal", "finance", "purchasing",
    "procurement", "quality", "sales", "marketing", "recorder", "pm",
)  # fmt: skip
# "完成接口文档——张三", "Update the deck – Tom": a name after a dash closing a task.
OWNER_TRAILING = re.compile(
    r"(?:——|—|–|\s-{1,2})\s*(?P<x>[^—–\-,，。；;:：()（）]{2,24}?)\s*[.。]?$"
)
# "[Tom] send the deck", "【张三】完成…"
OWNER_BRACKET_START = re.compile(r"^[\[【]\s*(?P<x>[^\]】]{2,30}?)\s*[\]】]")
# Day words that look like names in parentheses: "（周三）", "(Friday)", "（下午）".
DAY_WORDS = re.compile(
    r"^(?:(?:周|週|星期|礼拜|禮拜)[一二三四五六日天]|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|"
    r"上午|下午|晚上|中午|节后|節後|节前|節前|年前|年后|年後|today|tomorrow|tbd|tba|asap)$",
    re.I,
)
OWNER_MENTION = re.compile(r"@(?P<x>[\u4e00-\u9fff]{2,4}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")

# -- items written outside any section ("loose" lines) -------------------------------
# A loose line (no heading above it, or prose) is an item when its words say which kind:
# a question still open, or a decision reached. Tasks are told by an owner and a deadline.
QUESTION_SIGNS = re.compile(
    r"是否|待确认|待確認|待定|未定|没有定|沒有定|没定|沒定|尚未确定|尚未確定|待议|待議|再议|再議|待讨论|待討論|"
    r"由谁|由誰|由哪|哪方|哪一|哪个|哪個|哪家|哪些|谁来|誰來|有待|没有结论|沒有結論|无结论|無結論|尚无定论|"
    r"[？?]\s*$|"
    r"\bstill open\b|\bopen (?:question|point|issue)|\btbd\b|\bwhether\b|\bto be (?:decided|confirmed|discussed)\b|"
    r"\bnot (?:yet )?(?:decided|agreed|settled)\b|\bundecided\b",
    re.I,
)
DECISION_SIGNS = re.compile(
    r"同意|一致|决定|決定|确定|確定|议定|議定|通过|通過|认可|認可|为准|為準|商定|敲定|明确|明確|"
    r"\bagreed?\b|\bdecided\b|\bapproved\b|\bconfirmed that\b|\bresolved\b",
    re.I,
)
# Lines about the mail or the meeting itself, never an item: "纪要如下，请查阅", "会议时间：…",
# "如有遗漏请补充", "Notes from today's call below", "Attendees: …".
META_LINE = re.compile(
    r"纪要|紀要|如下|以下|请查阅|請查閱|请查收|請查收|请审阅|请核对|如有(?:任何)?(?:问题|問題|异议|異議|疑问|补充|補充|遗漏|遺漏)|"
    r"^(?:会议|會議)?(?:时间|時間|日期|地点|地點|主持|记录|記錄|参会|參會|出席|列席|缺席)|"
    r"\bminutes\b|\bnotes\b|\bprotocol|\bprotokoll|\bverslag\b|\bacta\b|\bcompte rendu\b|\bbelow\b|\bsummary\b|\bthank(?:s| you)\b|\blet me know\b|"
    r"\bplease (?:review|confirm|check|find)\b|\battached\b|"
    r"^(?:attendees|present|absent|date|time|location|venue|chair|recorder|minutes by)\s*[:：]",
    re.I,
)
# "（决议）", "(action)" closing a line written outside any section: the writer's own kind.
KIND_TAG = re.compile(
    r"[（(]\s*(?P<tag>决议|決議|决定|決定|结论|結論|共识|任务|任務|待办|待辦|行动|行動|疑问|疑問|问题|問題|"
    r"待确认|待確認|decision|action|task|question|open)\s*[)）]\s*[.。]?$",
    re.I,
)
# Labels written in capitals without a colon: "ACTION Pieter – …", "DECISION – …", "OPEN – …".
CAPS_LABEL = re.compile(
    r"^(?P<label>ACTION(?: ITEM| POINT)?|DECISION|AGREED|TODO|TO DO|OPEN(?: QUESTION| ISSUE)?|"
    r"QUESTION|ISSUE)S?\b\s*(?:[:：]|[–—-]{1,2})?\s+(?P<rest>\S.*)$"
)

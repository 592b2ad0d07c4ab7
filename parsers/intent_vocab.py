"""The vocabularies of reply intents: one table per intent, zh and en, as data.

parsers.intent applies them in a fixed order, each table masking its matches
before the next one looks.  Tables match the normalised text (parsers.normalise:
Simplified, half-width, lower case, Cantonese function words as Mandarin, answer emoji
as "ok"/"不行"), so a row is written once, in simplified Mandarin or English.
A new phrasing is a new row here, with a test in tests/parsers/test_intent.py.
"""

from __future__ import annotations

import re

from parsers import intent_vocab_intl as intl

# ---------------------------------------------------------------- vocabularies


def table(*rows: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{r})" for r in rows), re.I)


# minutes ------------------------------------------------------------------------------
ACK_IDIOMS = table(
    r"(无|没有|没|并无|毫无)(任何|其他|其它)?(异议|意见|问题)",
    r"不反对",
    r"\bno (further |other )?(objections?|comments?|concerns?|issues?|changes?|corrections?)\b",
    r"\bnothing (to (add|correct|change))\b",
    r"\bnot? objections?\b",
    *intl.ACK_IDIOMS,
)
OBJECTION = table(
    r"应(为|是|改为|该是|该为|该写|写)",
    r"改(为|成)",
    r"更正",
    r"纠正",
    r"有误",
    r"有错",
    r"错了",
    r"不对",
    r"不符",
    r"不一致",
    r"不同意",
    r"不认可",
    r"有异议",
    r"异议",
    r"反对",
    r"不准确",
    r"遗漏",
    r"漏(了|掉|写)",
    r"(请|需要?|麻烦)(修改|更改|调整|补充|核实|删除|改)",
    r"而不是",
    r"^补充",
    r"补充(一点|一条|一项|一下|说明)",
    r"写错",
    r"\btypo\b",
    r"\bdon't think\b",
    r"\bnot (the )?\d",
    r"[,，]\s*不是",
    r"(要|得|需要|需)(改|修改|更正)",
    r"不是[^。;!?]{0,20}而是",
    r"并没有(最终)?(确定|定|决定|达成)",
    r"没有(最终)?(确定|定下|决定)",
    r"(记录|写)的是[^。]{0,30}不是",
    r"\bshould (say|be|read|have been|state)\b",
    r"\bplease (correct|amend|fix|change|update|revise)\b",
    r"\bcorrections?\b",
    r"\bincorrect\b",
    r"\bnot (correct|accurate|right)\b",
    r"\bwrong\b",
    r"\bdisagree\b",
    r"\bobject(ion)?s?\b",
    r"\bmistake\b",
    r"\bwas(n't| not) (agreed|decided)\b",
    r"\bbelongs? (under|in)\b",
    r"\bmissing\b",
    r"\binstead of\b",
    r"\boff by\b",
    r",\s*not\b",
    r"\bonly agreed\b",
    *intl.OBJECTION,
)
ACK = table(
    r"收到",
    r"已阅",
    r"已读",
    r"确认(收到|无误|同意)",
    r"确认[。!.]?$",
    r"^确认",
    r"(我方|已|均)确认",
    r"同意",
    r"认可",
    r"没(有)?问题",
    r"无问题",
    r"知悉",
    r"好的",
    r"\bok(ay)?\b",
    r"\bnoted\b",
    r"\bgot it\b",
    r"\bwell received\b",
    r"\breceived\b",
    r"\bconfirm(ed)?\b",
    r"\bagree(d)?\b",
    r"\blgtm\b",
    r"\blooks good\b",
    r"\bfine\b",
    r"无误",
    r"没错",
    r"\b(is|are|looks?|all) (correct|accurate|right)\b",
    r"\ball good\b",
    r"\backnowledged?\b",
    r"^(thanks?|thank you|many thanks|谢谢|多谢|感谢)\W*$",
    r"👍",
    r"👌",
    *intl.ACK,
)
# "I'll get back to you": no decision yet.
DEFER = table(
    r"(跟|和|与|向|找)[^。,;]{1,8}(确认|商量|沟通|请示|汇报)",
    r"确认(一下|后)再?",
    r"(晚点|稍后|回头|之后|过后|改天)(再)?(回复|答复|回你|回您|说|看|确认|反馈|告诉)",
    r"再(回复|答复|告诉|通知|回你|回您|反馈|联系)",
    r"(看|想|研究|核对)一下再",
    r"还(要|得|需要)(确认|研究|看)",
    r"转(给|交|发)",
    r"(领导|上级|老板|法务|内部)[^。,;]{0,4}(看|审|确认|过一下)",
    r"\bget back to you\b",
    r"\blet me check\b",
    r"\bwill (check|confirm|revert|come back)\b",
    r"\blater\b",
)

# acceptance ---------------------------------------------------------------------------
REJECT_IDIOMS = table(
    r"(验收)?(不|未|暂不|暂时不|不予|没有|没|尚未|还未|无法|不能|不可)(予以)?(通过|验收|合格|同意验收|同意)",
    r"驳回",
    r"退回",
    r"打回",
    r"拒绝",
    r"\bnot (yet )?(accepted|approved|passed|acceptable)\b",
    r"\breject(ed)?\b",
    r"^\s*not yet\b",
    r"\bfail(ed|s)?\b",
    r"\b(cannot|can't|do not|don't|won't) (accept|approve|sign off)\b",
    *intl.REJECT_IDIOMS,
)
CONDITION = table(
    r"(但|但是|不过|只是)[^。;]{0,40}?(需|要|请|得|必须|麻烦|换|改|调整|补|放大|缩小|重新)",
    r"\bbut\b[^.;!?]{0,40}?\b(please|need|needs|must|should|have to|fix|change|update|replace)\b",
    r"(通过|同意|认可|可以|ok|没(有)?问题)[^。;]{0,6}?(但|但是|不过|只是)[^。;]{0,40}?(需|要|请|得|必须|麻烦|换|改|调整|补|加|放大|缩小)",
    r"\b(approved?|accepted?|ok|fine|good|pass(ed)?)\b[^.;!?]{0,20}?\b(once|provided|subject to|as long as|"
    r"after|if|when|but|pending)\b",
    *intl.CONDITION,
)
REJECT = table(
    r"(请|需|需要|要|麻烦|得|必须|还得|还要)[^。;]{0,10}?(修改|更新|修正|调整|补充|补齐|完善|重做|更换|优化|改)",
    r"(修改|更新|调整|改|补齐|补充|优化|换)(后|完|好)[^。;]{0,4}(再|重新)",
    r"重新(提交|送样|发送|提供|上传|出具|做|弄|改|出|整理|调整)",
    r"再(改|调整|修改)一",
    r"不一致",
    r"不符合?",
    r"缺少",
    r"缺失",
    r"未注明",
    r"不合格",
    r"有误",
    r"错别字",
    r"旧版",
    r"仍是",
    r"还有[^。;]{0,6}(问题|错|地方)",
    r"不满足",
    r"低于[^。;]{0,12}要求",
    r"达不到",
    r"不达标",
    r"返工",
    r"不对",
    r"不(能)?收",
    r"重做",
    r"整改",
    r"\bplease (revise|fix|update|correct|resubmit|redo|change|add|replace)\b",
    r"\bneeds? (to be )?(revised|fixed|updated|changed|corrected|reworked)\b",
    r"\bmissing\b",
    r"\bincorrect\b",
    r"\b(doesn't|does not|don't|do not) (work|submit|match|meet|load)\b",
    r"\bresubmit\b",
    r"\bfix\b",
    r"\btypos?\b",
    r"\berrors?\b",
    r"\bstill (missing|wrong|old|outdated|broken)\b",
    *intl.REJECT,
)
PASS = table(
    r"验收通过",
    r"通过验收",
    r"同意验收",
    r"确认验收",
    r"验收合格",
    r"可以验收",
    r"准予验收",
    r"予以通过",
    r"同意通过",
    r"同意",
    r"通过",
    r"合格",
    r"认可",
    r"没(有)?问题",
    r"\bapproved?\b",
    r"\baccept(ed)?\b",
    r"\bpass(ed)?\b",
    r"\blooks good\b",
    r"\blgtm\b",
    r"\bsign(ed|ing)? (it )?off\b",
    r"\bhappy with (it|this|the)\b",
    r"\bgood to go\b",
    r"\bgo ahead\b",
    r"\b(ok|fine|good) (for|by|with) (us|me)\b",
    r"\ball good\b",
    *intl.PASS,
)
# An agreement word as a whole clause, answering a request to accept ("可以，辛苦了").
PASS_WEAK = table(r"^\s*(可以|可以的|行|没(有)?问题|ok(ay)?|fine|d'accord|va bene|passt)\W*$")
# "通过邮件发给您" is "by mail": 通过 as "via" decides nothing.
VIA = table(
    r"通过(邮件|邮箱|微信|电话|短信|系统|平台|快递|钉钉|飞书|企业微信|网盘|链接|email|e-mail|qq|"
    r"共享盘|云盘|ftp|附件|腾讯会议|视频)",
)
# A sentence about later work sets no condition on this deliverable.
FUTURE = table(
    r"下次",
    r"以后",
    r"今后",
    r"将来",
    r"未来",
    r"下一(次|版|期|阶段)",
    r"\bnext time\b",
    r"\bfuture\b",
    r"\bgoing forward\b",
    r"\bfrom now on\b",
)

# task ---------------------------------------------------------------------------------
DELAY = table(
    r"延期",
    r"延后",
    r"推迟",
    r"延(到|至|长)",
    r"顺延",
    r"往后(推|延|顺)",
    r"推(到|后|至)",
    r"晚[一两几\d]?\s*(天|日|个?小时|点|周|个?星期)",
    r"(做|弄|写|搞|改|赶|交|整)不完",
    r"(出|做|弄|交|给|发|写|赶|搞)不(出来|出|来|定)",
    r"再给(我|我们)?[^。,]{0,4}(天|日|周|星期|小时|时间)",
    r"(需要|还要|得|要)(多|再)[^。,]{0,3}(天|日|周|星期|小时)",
    r"比原定晚",
    r"来不及",
    r"赶不(出|完|上|及)",
    r"(完成|交|提交|做|出|发|给)不(了|出来)",
    r"做不完",
    r"(无法|没法|不能|没办法|难以|不能够)(按时|如期|按期|准时)",
    r"恐怕不行",
    r"申请延",
    r"(能否|可否|能不能)(延|推|宽限|晚)",
    r"宽限",
    r"再给[^。]{0,6}时间",
    r"(更多|多一些|多点)时间",
    r"逾期",
    # asking to move the due date: "截止日期挪到7月17日", "交付能否改到下周三"
    r"(截止|交付|提交|完成|交)(日期|时间|時間|期限|节点|日)?[^。，！？]{0,6}(改|挪|调|調)(整)?(到|至|成|为|為)",
    r"(能否|可否|能不能|可不可以|是否可以)[^。，！？]{0,6}(改|挪|调|調)(整)?(到|至)",
    r"\bdelay(ed)?\b",
    r"\bpostpone",
    r"\b(move|moving|shift|shifting|reschedul\w*|bump|bumping)\s+(it|this|that|the (deadline|due date|date|delivery|handover))?\s*(back\s+|out\s+)?to\b",
    r"\b(deadline|due date)\s+(be\s+)?(moved|shifted|pushed|changed)\b",
    r"\bpush (it |this |the deadline )?(back|to|out)\b",
    r"\bextend",
    r"\bextension\b",
    r"\bmore time\b",
    r"\b(won't|will not|can't|cannot|unable to|not able to) (make|meet|hit)\b",
    r"\brunning (behind|late)\b",
    r"\brunning\b[^.,;]{0,15}\b(behind|late)\b",
    r"还(需要|要|得)[^。,]{0,3}(天|日|周|星期|个月)",
    r"\bbehind schedule\b",
    r"\btaking longer\b",
    r"\blater than (planned|expected)\b",
    r"\bneed until\b",
    r"\bslip(ped|ping)?\b",
    r"\bwon't be ready\b",
    r"\b(more|extra|another) (days?|weeks?|hours?)\b",
    r"\b(have|get|need|give me|give us) (till|until)\b",
    r"\b(need|needs|needing) (a |another )?(\d+|a few|a couple( of)?|two|three|one|few) (more|extra)\b",
    r"\bmiss (the|our|this) (deadline|date)\b",
    r"\b(days?|weeks?|hours?) late\b",
    r"\b(will be|is|are|running|be) (a (bit|little) |slightly )?late\b",
    *intl.DELAY,
)
DONE_NEGATED = table(
    r"(还|尚)(没|未)(有)?开始",
    r"\bnot (yet )?started\b",
    r"\bhaven't started\b",
    r"(还|尚)?(没|未|没有)(有)?(完成|做完|写完|弄完|好|提交)",
    r"\bnot (yet )?(done|finished|complete(d)?|ready)\b",
    r"\b(isn't|is not|aren't|are not) (yet )?(done|finished|complete|ready)\b",
    *intl.DONE_NEGATED,
)
PROGRESS = table(
    r"进行中",
    r"推进中",
    r"进展",
    r"进度",
    r"正在",
    r"在(做|写|弄|整理|处理|推进|准备|跟进|打包|包装|测试|调试|生产|排产|加工|审核|审批|走流程|盖章|修改|改|翻译|校对|核对|联系|沟通|汇总|安排|评审|排查|签|寄|发货|赶)",
    r"快(好|完成|做完|弄完|搞定|写完|结束)了?",
    r"在走",
    r"(审批|审核|流程|评审|测试|排产|生产|运输|路上|打样)中",
    r"差不多(好|完成|了)",
    r"还在",
    r"还差",
    r"剩下",
    r"剩余",
    r"过半",
    r"一半",
    r"\bin progress\b",
    r"\bprogress\b",
    r"\bworking on\b",
    r"\bon track\b",
    r"\bunderway\b",
    r"\bdrafted\b",
    r"\bpartially\b",
    r"\bhalf\b",
    r"\bremaining\b",
    r"\bstill (with|waiting|pending)\b",
    r"\b(is|are|it's|they're) (now )?with (legal|the client|qa|review|the supplier|procurement|finance|the lab|the printer)\b",
    r"\bbeing (packed|reviewed|tested|prepared|printed|signed|processed|checked|translated|assembled)\b",
    r"\b(packing|testing|reviewing|drafting|finalising|finalizing|printing|assembling|translating) (the|it|them|now)\b",
    r"\balmost (done|there|finished|ready)\b",
    r"\b(we're|i'm|we are|i am) on it\b",
    r"\b\w+ing (it |this |them )?(up )?now\b",
    r"\b(one|two|a)[- ](third|quarter)s?\b",
    r"\bthree[- ]quarters\b",
    r"\bmost(ly| of)\b",
    r"[二三四五]分之|大部分|大半",
    r"(做|写|弄|改|搞|整|跟|处理|准备|赶|打包|测试)着",
    r"\bnearly (done|there|finished|ready)\b",
    *intl.PROGRESS,
)
DONE = table(
    r"已(经)?(全部|都|均)?(完成|做完|写完|搞定|提交|交付|上传|发(给|送|出)?|寄出|签订|签署|签好|同步|更新|处理|办结|上线|部署|定稿|放到|存到|传到|盖章|发货|递交|提供|回传|邮寄|交给|给到|上交|安排好|录入)",
    r"完成了",
    r"(做|弄|写|准备|整理|改)好了",
    r"搞定",
    r"可以关闭",
    r"请查收",
    r"见附件",
    r"附件(是|为)",
    r"\bdone\b",
    r"\bfinished\b",
    r"\bcompleted?\b",
    r"\battached\b",
    r"\bsubmitted\b",
    r"\bdelivered\b",
    r"\buploaded\b",
    r"\bshared\b",
    r"\bplease find\b",
    r"\bhere is\b",
    r"\bready for (review|acceptance)\b",
    r"\bsent\b",
    r"\b(shipped|dispatched|posted|mailed)\b",
    *intl.DONE,
)

# invite -------------------------------------------------------------------------------
TENTATIVE = table(
    r"待定",
    r"暂定",
    r"可能(会)?(参加|出席|参会|到场|去|来|赶到)",
    r"不确定",
    r"不一定",
    r"尽量",
    r"争取",
    r"看情况",
    r"视情况",
    r"如(果)?(时间)?(允许|能参加|没冲突|能赶)",
    r"准信",
    r"\btentative(ly)?\b",
    r"\bmaybe\b",
    r"\bmight (be able to )?(attend|join|come|make it)\b",
    r"\bnot sure\b",
    r"\bdepends\b",
    r"\bwill try\b",
    r"\bpossibly\b",
    r"\bif i can\b",
    r"先占(个)?位",
    r"(临时)?有变(化)?(再|会|的话)",
    *intl.TENTATIVE,
)
DECLINE = table(
    r"不(能|会|便)?(参加|出席|参会|与会|到场)",
    r"(参加|出席|参会|去|来|到场)不了",
    r"(无法|没法|不能|没办法|不便|难以|不能够)(参加|出席|参会|到场|与会|前往|赶到|去)",
    r"缺席",
    r"不(去|来)了",
    r"请假",
    r"去不了",
    r"来不了",
    r"赶不回",
    r"另有安排",
    r"婉拒",
    r"不(派|安排|去|来)[^。,]{0,2}人",
    r"没(空|时间)",
    r"不得闲",
    r"抽不(出|开)(时间|身)?",
    r"走不开",
    r"(出差|在外地|休假|不在(公司|国内|北京|上海|深圳|广州|本地)?$)",
    r"(没有|没)办法(参加|出席|参会|到场|去|来)",
    r"^\s*不行",
    r"(?<![出做弄交给发写赶搞回起过])不(去|来)(了|喇|啦|咯)?(?=$|[,.!?。;])",
    r"\b(can't|cannot|can not|won't be able to|unable to|not able to) (make it|attend|join|come|be there|make)\b",
    r"\b(will|must|have to|need to) (miss|decline|skip)\b",
    r"\bnot (be )?(attending|joining)\b",
    r"\b(won't|will not|wouldn't) be (attending|joining|there|able to (attend|join|come|make it))\b",
    r"\b(won't|will not) (attend|join|come|make it)\b",
    r"\bregret\b",
    r"\bdecline\b",
    r"\bsit (this one |this |it )?out\b",
    r"\b(have|has|need|needs|must|will|'ll) (to )?(pass|give it a miss)\b",
    r"\bon (annual |sick )?leave\b",
    r"\bout of (the )?office\b",
    r"\b(we|i) (can't|cannot|can not)\s*\W*$",
    r"(去|来|参加|出席|赶)不(成|到)",
    r"这次(我们)?(就)?(先)?算了",
    r"\bnot this time\b",
    r"\b(afraid|unfortunately|sadly|regrettably) not\b",
    r"恐怕(不行|去不了|来不了|参加不了)",
    r"\b(i'm|i am|we're|we are|i'll be|we'll be|i will be|we will be) (travel+ing|away|abroad|out of town|off|on (holiday|vacation|leave))\b",
    r"\b(put|mark|count) (me|us) (down )?(as )?(a )?(no|out)\b",
    *intl.DECLINE,
)
# Being somewhere else, doing something else at that time: a reason not to come, and its
# 参加/attend is not about this meeting ("当天我在新竹参加客户稽核").
ELSEWHERE = table(
    r"(在|去|到)[^,。;]{1,10}(参加|出席)[^,。;]{2,}",
    r"\b(attending|at) (a|an|another|the) [a-z -]{0,20}(fair|conference|exhibition|audit|training|workshop|trade show|event|visit)\b",
    r"\bon a (flight|plane|trip)\b",
    r"在飞机上",
)
# Negated absences that mean attending ("不会缺席", "wouldn't miss it").
ACCEPT_IDIOMS = table(
    r"不(会|能)?缺席",
    r"不会错过",
    r"\b(won't|will not|wouldn't|would not) miss (it|this|that)\b",
)
ACCEPT = table(
    r"参加",
    r"出席",
    r"参会",
    r"准时",
    r"到时见",
    r"会到",
    r"届时",
    r"线上接入",
    r"按时到",
    r"\bcount me in\b",
    r"\battend(ing)?\b",
    r"\b(i'll|i will|will) (be there|join|come)\b",
    r"\bsee you\b",
    r"\baccept(ed)?\b",
    r"\bsounds good\b",
    r"\bworks for me\b",
    r"\bi'm in\b",
    r"\bjoin(ing)?\b",
    r"\b(happy|glad) to (join|attend|be there|come)\b",
    r"(我|我们|我方|我司)[^。,;]{0,8}?(过去|过来|到场|赶到|会到)",
    r"\b(will|'ll) be there\b",
    r"\b(put|mark|count) (me|us) (down )?(as )?(a )?(yes|in|attending)\b",
    r"\bdial(ling)?[ -]in\b",
    r"\bjoin(ing)? (remotely|online|by phone|virtually)\b",
    r"派[^。,;]{0,4}人(来|过来|过去|去|参加|出席)",
    *intl.ACCEPT,
)
ACCEPT_WEAK = table(
    r"^\s*(\+1|好的?|行|可以|没(有)?问题|确认|ok(ay)?|yes|sure|confirmed|no problem)\W*$",
    r"^\s*ok\W*ok\W*$",
)

# answers to a delay request ---------------------------------------------------------
# The owner asked for a later deadline; the requester answers.  Refusals are read first so
# that "不同意" is never an "同意", and "not approved" never an "approved".
DELAY_REFUSE = table(
    r"不(同意|批准|准|可以|行|能)",
    r"驳回",
    r"(必须|务必|还是|请|需)(按|按照)(原|原定|原计划|原来|约定)",
    r"不能再(延|拖|推)",
    r"没法(再)?(延|推|等)",
    r"\bnot (approved?|agreed?|ok|possible|acceptable)\b",
    r"\b(refused?|rejected?|denied|declined?)\b",
    r"\b(can't|cannot|can not|won't|unable to) (extend|approve|agree|accept|move|wait)\b",
    r"\b(keep|stick to|hold to) the (original|current|agreed) (date|deadline|plan)\b",
    r"^\s*no\b",
)
DELAY_APPROVE = table(
    r"^\s*(同意|批准|准了|可以|行|好的?|没(有)?问题|ok(ay)?)",
    r"同意(延期|延后|推迟|顺延|调整)",
    r"(批准|准予|予以)(延期|延后|顺延)?",
    r"\b(approved?|agreed?|granted|fine|ok(ay)?|go ahead|no problem|sure)\b",
    r"\bthat'?s (fine|ok|okay)\b",
)

# questions -----------------------------------------------------------------------------
QUESTION = table(
    r"[?？]\s*$", r"^(请问|想问|问一下|quick question|quick one)", r"吗\s*$", r"\bwondering\b"
)

# poll ----------------------------------------------------------------------------------
POLL_NONE = table(
    r"(都|全都|均|全部)(不行|不可以|不方便|没空|没时间|参加不了|去不了|不ok|有冲突|冲突)",
    r"没有(一个|合适)",
    r"\bnone\b",
    r"(一个|哪个)都不(行|可以|方便)",
    r"(都|全都|均|全部)[^,。]{0,3}不(行|可以|方便|开|合适|了|上)",
    r"\bneither\b",
    r"\bno (option|slot|time)s? works?\b",
    r"\bcan't make any\b",
)
POLL_EXCEPT = table(
    r"除了?",
    r"只有[^。,]{0,8}(不行|不可以|不方便|没空|不能)",
    r"\bonly\b[^.,]{0,12}\b(doesn't|does not|won't|can't|isn't)\b",
    r"\b(any|all|everything|anything) (but|except)\b",
    r"\bexcept\b",
    *intl.POLL_EXCEPT,
)
POLL_REST = table(
    r"(其余|其他|其它|剩下|另外)的?(时间|选项|几个)?(都|均)?(可以|行|ok|没(有)?问题|方便)",
    r"\b(the )?(rest|others) (work|are fine|are ok|is fine)\b",
)
POLL_ALL = table(
    r"(都|均|全部|全都)(可以|行|ok|没(有)?问题|方便|能参加|能来)",
    r"均可",
    r"哪个都行",
    r"随便",
    r"听大家的",
    r"\ball (of them |options |two |three |four |five |slots |times |the (options|slots|times) )?(work|are fine|are good|are ok|good|fine|ok)\b",
    r"\bany( of them| time| slot| option)?s? (works?|is fine|is ok)\b",
    r"\beither works\b",
    r"\bwhichever\b",
    *intl.POLL_ALL,
)
# Days and dates named instead of option numbers.
POLL_DAYS = table(
    r"(周|星期|礼拜)[一二三四五六日天1-7]",
    r"\d{1,2}\s*(月|号|日)",
    r"\b(mon|tue|wed|thu|fri|sat|sun)(day|s|nes|rs|ur)?[a-z]*\b",
    r"\b(morning|afternoon|evening)s?\b",
    r"上午|下午|晚上",
)
POLL_NEG = table(
    r"不行",
    r"不可以",
    r"不能",
    r"没空",
    r"没时间",
    r"不方便",
    r"冲突",
    r"有会",
    r"有事",
    r"出差",
    r"外地",
    r"不在",
    r"不了",
    r"\bno\b",
    r"\bnot\b",
    r"\bcan't\b",
    r"\bcannot\b",
    r"\bdon't\b",
    r"\bdoesn't\b",
    r"\bwon't\b",
    r"\bclash(es)?\b",
    r"\bbusy\b",
    r"\bunavailable\b",
    r"\bconflict",
    r"\bimpossible\b",
    r"\bnot possible\b",
    r"\bno good\b",
    r"\bholidays?\b",
    r"\bon leave\b",
    r"\baway\b",
    r"\bout\b",
    r"\btravel",
    r"假期|放假|休假|节假日|过节",
    r"那天(要|得|在|有)",
    r"(要|得)飞",
    r"出国",
    *intl.POLL_NEG,
)
# Words saying an option works: needed when an option is named only by its weekday
# ("Wednesday is our all-hands" names a day, and says nothing good about it).
POLL_YES = table(
    r"可以|行|没(有)?问题|方便|能|有空|ok|均可",
    r"\b(works?|fine|good|suits?|available|free|possible|great)\b",
    *intl.POLL_YES,
)
# An option named with a hedge counts neither way ("1 要确认一下", "not sure 2 works").
POLL_HEDGE = table(
    r"确认一下",
    r"(要|需|需要|得)(再)?确认",
    r"待定",
    r"不确定",
    r"不一定",
    r"先不算",
    r"可能",
    r"也许",
    r"\bnot sure\b",
    r"\bmaybe\b",
    r"\bperhaps\b",
    r"看情况|视情况|再说|再看",
    r"\btbc\b",
    r"\btbd\b",
    r"\bpossibly\b",
    r"\bmight\b",
)

# structured fields -----------------------------------------------------------------------
TOPIC = table(
    r"(议程|议题)[^。;?!]{0,6}?(增加|加上|添加|补充|新增|加入|加)(一项|一个|一下|个)?(议题|议程)?[:,]?\s*(?P<topic>[^。;?!]+)",
    r"(建议|希望|想|能否|可否|请)(在)?会上(把|讨论|讨论一下|聊聊|过一下|明确|定)?(?P<topic2>[^。;?!]+)",
    r"\b(add|include|put)\s+(?P<topic3>.{3,120}?)\s+(to|on|in)\s+the agenda\b",
    r"\b(could|can) we (also )?(discuss|cover|talk about|go over)\s+(?P<topic4>[^.?!]{3,120})",
    r"\bagenda item:?\s+(?P<topic5>[^.?!]{3,120})",
    r"(增加|加上|添加|补充|新增|加入|加)(一个|一项|个)?(议题|议程项?)[:,]?\s*(?P<topic6>[^。;?!]+)",
    r"(希望|想|建议|能否|可否)(一起|大家)?(讨论|聊|过)(一下)?(?P<topic7>[^。;?!]{2,})",
    r"\bi'?d like to (discuss|raise|cover|talk about)\s+(?P<topic8>[^.?!]{3,120})",
    r"\b(añadir|agregar|incluir|ajouter|aggiungere|hinzufügen|toevoegen|dodać|добавить)\s+(un|una|otro|le|il|einen|een|пункт)?\s*"
    r"(punto|tema|point|punkt|agendapunt|вопрос)?\s*(sobre|sur|su|sul|sulla|zu|over|o|о)?\s+(?P<topic10>[^?!.]{3,120})",
    r"\b(add|include|raise|put in)\s+(one|a|another|an)?\s*(more |new )?(topic|item|point|agenda item)s?\s*:\s*(?P<topic9>[^?!]{3,120}?)(?=\s*[?!]|$)",
)
# Each pattern names the substitute in group "d"; tried in order.
_ROLE = r"(同事|助理|秘书|下属|副手|经理|总监|主管|负责人|副总|部长)"
_GO = r"(参加|参会|出席|与会|过去|前往|到场|去)"
_EN_NAME = r"[a-z](?:[^.,;!?\-–—]|[.-](?=\S)){1,60}?"
DELEGATES: tuple[re.Pattern[str], ...] = tuple(
    re.compile(r, re.I)
    for r in (
        rf"(由|请|安排|委托|让|改由|派|委派|指派)(?P<d>[^。,;!?]{{2,40}}?)(代(我|为|表)?|替我)[^。,;!?]{{0,10}}?{_GO}",
        rf"(?P<d>[^。,;!?]{{2,30}}?)(会|将|可以)?(代(我|为)|替我){_GO}",
        rf"委托(?P<d>[^。,;!?]{{2,30}}?){_GO}",
        # "派李明参加" / "由李明出席" / "安排王经理参会": sending someone in one's place, any verb
        rf"(由|改由|派|让|安排|委派|指派)(?P<d>[^。,;!?]{{2,16}}?)(来|去)?{_GO}",
        rf"(安排|让|请|派)(我们|我司)?[^。,;!?]{{0,10}}?(?P<d>{_ROLE}[^。,;!?也]{{0,12}}?){_GO}",
        rf"\b(?P<d>{_EN_NAME}) (will|can|is going to|would|'ll) (attend|join|come|go|be there|cover)"
        r"( the meeting| it)? (on my behalf|in my place|instead( of me)?|for me|for us|on our behalf)\b",
        r"\b(ask(ed)?|send(ing)?|delegat(e|ed|ing) to|nominated?) (?P<d>[a-z](?:[^.;!?\-–—]|[.-](?=\S)){1,60}?),? "
        r"(to (attend|join|come|go)|on my behalf|in my place|instead)\b",
        rf"\bhave (?P<d>{_EN_NAME}) (attend|join|come|go)\b",
        r"(?P<d>[\w.+-]+@[\w-]+(\.[\w-]+)+)[^.!?;]{0,30}?\b(will|'ll|can|is going to) (attend|join|come|go|cover)",
    )
)
# After the sender says they cannot come, anyone named as coming goes in their place
# ("我去不了，小王会来", "I can't make it, but Mark will attend").
DELEGATES_IF_ABSENT: tuple[re.Pattern[str], ...] = tuple(
    re.compile(r, re.I)
    for r in (
        # "Mein Kollege Jonas Becker (jonas@…) übernimmt", "mon collègue Thomas Girard …"
        r"\b(mein kollege|meine kollegin|mon collègue|ma collègue|mi compañer[oa]|il mio collega|"
        r"la mia collega|мой коллега|моя коллега|mój kolega|moja koleżanka|mijn collega|min kollega|"
        r"my colleague|our colleague)\s+(?P<d>[^\W\d_][\w.'-]*(\s+[^\W\d_][\w.'-]*)?(\s*\([^()]*\))?)",
        r"(?P<d>[^。,;!?]{2,16}?)(会|将|可以|能)(来|过来|过去|去|参加|参会|出席)",
        rf"\b(?P<d>{_EN_NAME}) (will|can|could|is going to|'ll) (attend|join|come|go|be there)\b",
    )
)
# Said anywhere in the text, "in my place" makes a colleague named there the substitute.
IN_MY_PLACE = table(
    r"\bin my place\b", r"\bon my behalf\b", r"\binstead of me\b", r"代(我|为)", *intl.IN_MY_PLACE
)
# Words before the substitute's name that are not part of it: the verb, "我们", and a
# department joined by 的 ("市场部的赵晓雯" → 赵晓雯; "计划部主管" stays: the title goes).
DELEGATE_PREFIX = re.compile(
    r"^.*(让|请|安排|委托|由|派)|^(但是?|不过|可是|而且)|^(我们|我司|我方|本公司|公司|我的|my colleague|our colleague|"
    r"my|our|colleague|but|and|so|then|however)\s*(的)?\s*([\u4e00-\u9fff]{1,8}?(部|组|中心|处|科|室|团队)的)?",
    re.I,
)
# A captured "substitute" that is really a clause ("a conflict and won't be able").
NOT_A_NAME = re.compile(
    r"\b(not|won't|can't|cannot|unable|conflict|but|i|we|you)\b|不|没|无法|大家|各位|您|你|准时|时间|人员|代表|个人|专人|[\d两几一二三四五]\s*(人|位|名)",
    re.I,
)
# "也参加"/"一起参加" brings a colleague along; it names no substitute.
ALONG = re.compile(r"也|一起|一同|同时|\balso\b|\btoo\b|\bas well\b|\bwith me\b", re.I)
PERCENT = re.compile(
    r"(?P<n>\d{1,3}(?:\.\d+)?)\s*(%|percent\b|个点)|百分之(?P<zh>[零一二两三四五六七八九十百\d]+)",
    re.I,
)

# Sentence ends (after normalising: full-width marks are ASCII).
SENTENCE_END = re.compile(r"[。!?;\n]+|(?<=[^\W_]|\))\.(\s+|$)")

# A question that asks someone to do something ("Could you amend …?", "麻烦改一下？").
REQUEST = table(
    r"\b(could|can|would) you\b",
    r"\bplease\b",
    r"麻烦",
    r"能否",
    r"可否",
    r"能不能",
    r"是否可以",
    r"^请(?!问)",
)
# A correction strong enough to be an objection even when asked as a question.
STRONG_CORRECTION = table(r"应(为|是|该是|该为)", r"\bshould (say|be|read)\b")

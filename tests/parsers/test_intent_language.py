"""Intents of replies as people write them: colloquial, hedged, Traditional, Cantonese, emoji.

Written before the rules were changed for them (issue 9) and scored first; each case is one
kind of phrasing the rules must generalise to, not a sentence to match.  First score: see the
commit that added this file; the final score is every case passing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from parsers.intent import read_intent

WEEKDAY_OPTIONS = [
    "周一 10月12日 14:00",
    "周二 10月13日 10:00",
    "周三 10月14日 15:00",
    "周四 10月15日 9:30",
]


@dataclass(frozen=True)
class Case:
    body: str
    context: str
    intent: str
    size: int | None = None
    options: tuple[str, ...] | None = None
    fields: dict = field(default_factory=dict)


def c(body: str, context: str, intent: str, size: int | None = None, options=None, **fields):
    return Case(body, context, intent, size, tuple(options) if options else None, fields)


CASES = [
    # invite: accepts without 参加/attend
    c("没问题，到时见", "invite", "accept"),
    c("行", "invite", "accept"),
    c("👍", "invite", "accept"),
    c("✅", "invite", "accept"),
    c("count me in", "invite", "accept"),
    c("no problem, will be there", "invite", "accept"),
    c("好的，我们两个人过去", "invite", "accept"),
    c("我會準時出席，謝謝。", "invite", "accept"),
    c("得，到時見", "invite", "accept"),
    c("係，我會參加", "invite", "accept"),
    c("冇問題，會準時到", "invite", "accept"),
    c("Ｏｋ，到时见", "invite", "accept"),
    # invite: negation scope and contrast
    c("I can't attend in person, but I'll join online.", "invite", "accept"),
    c("不能到现场，但可以线上参加", "invite", "accept"),
    c("I won't be late, see you there", "invite", "accept"),
    c("不会缺席", "invite", "accept"),
    # invite: declines without an explicit 不/no on attending
    c("这次我们就不派人了，资料会后发我", "invite", "decline"),
    c("We'll sit this one out, please send us the slides afterwards.", "invite", "decline"),
    c("唔好意思，嗰日我冇辦法出席。", "invite", "decline"),
    c("❌ 那天出差", "invite", "decline"),
    c("I'd love to come but I'm on leave that week.", "invite", "decline"),
    c("Thanks for the invite, unfortunately we have to pass this time.", "invite", "decline"),
    c("不好意思，那天我没空", "invite", "decline"),
    c("Unfortunately we can't.", "invite", "decline"),
    c("嗰日我唔得閒，唔嚟喇", "invite", "decline"),
    # invite: tentative and the weak answers that must stay unclear
    c("应该可以参加，但要看当天航班，先算暂定吧", "invite", "tentative"),
    c("收到", "invite", "unclear"),
    c("我看看", "invite", "unclear"),
    # invite: delegation by name, title or address, any verb
    c("我派李明参加", "invite", "delegate", delegate="李明"),
    c("让我们计划部主管代我去", "invite", "delegate", delegate="计划部主管"),
    c("I'm sending Kevin (kevin@acme.com) instead.", "invite", "delegate", delegate="Kevin"),
    c("由李明出席", "invite", "delegate", delegate="李明"),
    c("那天我在外地，由我们质量部的张伟出席。", "invite", "delegate", delegate="张伟"),
    c(
        "Sorry, can't make it – Priya Shah from our QA team will go in my place.",
        "invite",
        "delegate",
        delegate="Priya Shah",
    ),
    c("我就不去了，请王芳代表我们公司参加。", "invite", "delegate", delegate="王芳"),
    c(
        "Please forward the invite to jenny.wu@partner.com, she'll attend for us.",
        "invite",
        "delegate",
        delegate="jenny.wu@partner.com",
    ),
    c("我嗰日唔喺度，派陳志明去。", "invite", "delegate", delegate="陳志明"),
    # invite: topics added inside an answer
    c(
        "I will attend. Can we add one topic: the Q3 shipping schedule?",
        "invite",
        "accept",
        topic="the Q3 shipping schedule",
    ),
    c("参加。想加一个议题：样品验收标准", "invite", "accept", topic="样品验收标准"),
    # poll
    c("①③可以", "poll", "availability", 3, slots=[1, 3]),
    c("选项一和三", "poll", "availability", 3, slots=[1, 3]),
    c("3-5 都行", "poll", "availability", 5, slots=[3, 4, 5]),
    c("all three work", "poll", "availability", 3, slots=[1, 2, 3]),
    c("all but 2", "poll", "availability", 3, slots=[1, 3]),
    c("1 ✔️ 2 ❌ 3 ✔️", "poll", "availability", 3, slots=[1, 3]),
    c("2 is impossible, 1 and 3 fine", "poll", "availability", 3, slots=[1, 3]),
    c(
        "4 and 5 are public holidays here, the rest are fine",
        "poll",
        "availability",
        5,
        slots=[1, 2, 3],
    ),
    c("2、3 都ok，1 要确认一下，先不算我", "poll", "availability", 3, slots=[2, 3]),
    c("2同3都得", "poll", "availability", 3, slots=[2, 3]),
    c("②不行，其餘都可以", "poll", "availability", 3, slots=[1, 3]),
    c("周三及以后的都可以", "poll", "availability", 4, WEEKDAY_OPTIONS, slots=[3, 4]),
    c("周三及以后的都可以", "poll", "unclear", 4),
    c("选项1✅ 选项2✅ 选项3❌", "poll", "availability", 3, slots=[1, 2]),
    c("none of these work for us", "poll", "availability", 3, slots=[]),
    c("第一個同第三個都得", "poll", "availability", 3, slots=[1, 3]),
    c("Only the 2nd one.", "poll", "availability", 3, slots=[2]),
    c("1 or 2, 3 clashes with our board meeting", "poll", "availability", 3, slots=[1, 2]),
    c("三个都可以", "poll", "availability", 3, slots=[1, 2, 3]),
    c("除咗2，其他都得", "poll", "availability", 4, slots=[1, 3, 4]),
    c("Not sure 2 works, 1 definitely does", "poll", "availability", 3, slots=[1]),
    c("選項二同三都可以", "poll", "availability", 3, slots=[2, 3]),
    c("周二那个可以", "poll", "availability", 4, WEEKDAY_OPTIONS, slots=[2]),
    # task: delays without 延期
    c("今天弄不完了，明天下班前给你", "task", "delay"),
    c("再给我两天", "task", "delay"),
    c("need 48 more hours", "task", "delay"),
    c("数据还没到，这周肯定交不了，争取下周二。", "task", "delay"),
    c("冇咁快，要遲兩日", "task", "delay"),
    c("Give me till Monday.", "task", "delay"),
    c("I'll need a couple more days on this.", "task", "delay"),
    c("We're going to need until next Wednesday, the supplier slipped.", "task", "delay"),
    c("需要延後到下週三", "task", "delay"),
    # task: progress without %
    c("样品在打包了，明天寄出", "task", "progress"),
    c("做咗一半，聽日繼續", "task", "progress"),
    c("还差测试部分，周五前应该能好", "task", "progress"),
    c("The draft is with legal now, should be back Thursday.", "task", "progress"),
    c("快好了", "task", "progress"),
    c("Packing the samples now, they ship tomorrow.", "task", "progress"),
    # task: done
    c("報告已經完成，請查收附件。", "task", "done"),
    c("搞掂咗，已經send咗畀你", "task", "done"),
    c("✅ 已上传到共享盘", "task", "done"),
    c("Shipped this morning, tracking number 1Z999.", "task", "done"),
    c("好的", "task", "unclear"),
    c("没问题", "task", "unclear"),
    # minutes
    c("冇意見", "minutes", "ack"),
    c("內容無誤，同意。", "minutes", "ack"),
    c("👍", "minutes", "ack"),
    c("Fine by us.", "minutes", "ack"),
    c("收到，不过第2条的时间不对，应该是10月8日", "minutes", "objection"),
    c("第三點唔啱，應該係乙方負責", "minutes", "objection"),
    c("All correct except item 4: owner should be Dana.", "minutes", "objection"),
    # acceptance
    c("驗收通過", "acceptance", "pass"),
    c("✅ 通过", "acceptance", "pass"),
    c("👍 looks good, approved", "acceptance", "pass"),
    c("Happy with it, signing off.", "acceptance", "pass"),
    c("基本可以，但係封面要改返", "acceptance", "reject"),
    c("唔通過，數據有錯", "acceptance", "reject"),
    # any
    c("行，到时见", "any", "accept"),
    c("再给我两天", "any", "delay"),
    c("我派李明参加", "any", "delegate", delegate="李明"),
    c("we'll sit this one out", "any", "decline"),
]


# A second batch, written after the first rules were in place and scored before any change
# made for it: 29/45 (2 confident wrong intents) before, all after.
WEEKDAYS_5 = ["周一 14:00", "周二 10:00", "周三 15:00", "周四 9:30", "周五 16:00"]
CASES_2 = [
    c("OK 我哋會派兩個人嚟", "invite", "accept"),
    c("唔該，我會準時到", "invite", "accept"),
    c("那天我们去不成了，下次吧", "invite", "decline"),
    c("Afraid I'm travelling that week.", "invite", "decline"),
    c("Sure thing, I'll be there.", "invite", "accept"),
    c("Put me down as a yes.", "invite", "accept"),
    c("好，準時參加。", "invite", "accept"),
    c("本人因另有会议无法出席，委派助理刘佳参会。", "invite", "delegate", delegate="刘佳"),
    c("Our CFO will go instead of me.", "invite", "delegate", delegate="cfo"),
    c("改由技术部经理出席", "invite", "delegate", delegate="技术部经理"),
    c("参加。另外建议增加议题：售后响应时间", "invite", "accept", topic="售后响应时间"),
    c("Not this time, thanks.", "invite", "decline"),
    c("嗰日唔得，要出差", "invite", "decline"),
    c("先暂定吧，周三前给准信", "invite", "tentative"),
    c("1、3 ok", "poll", "availability", 3, slots=[1, 3]),
    c("③ 可以，① ② 都不行", "poll", "availability", 3, slots=[3]),
    c("Options two and four work.", "poll", "availability", 4, slots=[2, 4]),
    c("2 to 4 are all fine", "poll", "availability", 5, slots=[2, 3, 4]),
    c("everything except the first", "poll", "availability", 3, slots=[2, 3]),
    c("第二個唔得，其他冇問題", "poll", "availability", 3, slots=[1, 3]),
    c("1 ✅ 2 ✅ 3 ✅", "poll", "availability", 3, slots=[1, 2, 3]),
    c("周四及之后都行", "poll", "availability", 5, WEEKDAYS_5, slots=[4, 5]),
    c("周一周二可以", "poll", "availability", 5, WEEKDAYS_5, slots=[1, 2]),
    c("只有周五不行", "poll", "availability", 5, WEEKDAYS_5, slots=[1, 2, 3, 4]),
    # "3號" is option 3 or the 3rd of the month: honestly unclear.
    c("3號最好，1號都得", "poll", "unclear", 3),
    c("明天交不出来，周四上午给您", "task", "delay"),
    c("还需要一周左右", "task", "delay"),
    c("Running a day behind, will send Friday.", "task", "delay"),
    c("已經寄出，順豐單號SF1234", "task", "done"),
    c("初稿写好了，在走内部审批", "task", "progress"),
    c("Testing is underway, results early next week.", "task", "progress"),
    c("All done 👍", "task", "done"),
    c("佢哋仲未覆，可能要遲幾日", "task", "delay"),
    c("冇問題，同意紀要內容", "minutes", "ack"),
    c("第2項嘅負責人寫錯咗", "minutes", "objection"),
    c("👌", "minutes", "ack"),
    c("Item 3's date is off by a week.", "minutes", "objection"),
    c("驗收合格，辛苦晒", "acceptance", "pass"),
    c("唔收得，尺寸唔啱", "acceptance", "reject"),
    c("Good to go from our side.", "acceptance", "pass"),
    c("ok 但报告里的单位要统一", "acceptance", "reject"),
    c("得，到时见", "any", "accept"),
    c(
        "I can't make it, sorry, but Mark Lee can go for me.",
        "invite",
        "delegate",
        delegate="mark lee",
    ),
    c("I'll attend but I may have to leave early.", "invite", "accept"),
    c("不去了，会后把纪要发我就行", "invite", "decline"),
]

# Someone else named as coming after "I can't" is a delegate; joining remotely is an accept
# (5/7 before the rules for them).
CASES_3 = [
    c("参加不了，但我们部门的小王会来", "invite", "delegate", delegate="小王"),
    c("I can't make it, but Mark will attend.", "invite", "delegate", delegate="Mark"),
    c("参加，王总也会参加", "invite", "accept"),
    c("我会参加", "invite", "accept"),
    c("去不了，大家会后把纪要发我", "invite", "decline"),
    c("Sorry I can't join, we will review the notes later.", "invite", "decline"),
    c("I can't make it but I'll dial in.", "invite", "accept"),
]

# Minutes, acceptance and task answers in many registers (26/30, 2 confident wrong before).
CASES_4 = [
    c("纪要没问题，按这个执行吧", "minutes", "ack"),
    c("看过了，同意", "minutes", "ack"),
    c("我方确认以上内容。", "minutes", "ack"),
    c("第4条我们当时说的是两周，不是一周。", "minutes", "objection"),
    c("建议把第二点的表述改一下，改成'原则上同意'", "minutes", "objection"),
    c("Looks accurate, thanks for writing it up.", "minutes", "ack"),
    c("Nothing to add from our side.", "minutes", "ack"),
    c("Item 2 – we only agreed to evaluate, not to adopt.", "minutes", "objection"),
    c("紀要收悉，無異議", "minutes", "ack"),
    c("OK的，冇問題", "minutes", "ack"),
    c("驗收唔通過，要重新整過", "acceptance", "reject"),
    c("整体OK，可以验收", "acceptance", "pass"),
    c("收货确认，质量没问题，验收通过", "acceptance", "pass"),
    c("还差检测报告，补齐后再验收", "acceptance", "reject"),
    c("We're satisfied with the deliverable — signed off.", "acceptance", "pass"),
    c("Close, but the colour is still off; please redo.", "acceptance", "reject"),
    c("图纸已经更新好了，放在共享盘", "task", "done"),
    c("报告初稿完成，正在内部校对", "task", "progress"),
    c("物料还没到，预计要晚一周", "task", "delay"),
    c("Draft is about two-thirds done.", "task", "progress"),
    c("We've wrapped this up, report attached.", "task", "done"),
    c("Sorry, this will slip to next Tuesday.", "task", "delay"),
    c("份報告寫緊，聽日可以交", "task", "progress"),
    c("已經搞掂，請查收", "task", "done"),
    c("下周一之前肯定搞不定，能不能宽限到周三？", "task", "delay"),
    c("可以参加，但是只能待到11点", "invite", "accept"),
    c("時間OK，會出席", "invite", "accept"),
    c("I'm afraid not.", "invite", "decline"),
    c("抱歉，临时有事来不了了", "invite", "decline"),
    c("maybe, will confirm tomorrow", "invite", "tentative"),
]

# Partners answering in their own language (the kind behind most of the blind batch1's
# intent misses; these sentences are new): 23/24 before the last row was added.
CASES_5 = [
    c("Je serai là, merci pour l'invitation.", "invite", "accept"),
    c("Malheureusement je ne pourrai pas venir ce jour-là.", "invite", "decline"),
    c("Ich komme gerne.", "invite", "accept"),
    c("Leider kann ich nicht teilnehmen.", "invite", "decline"),
    c("No podré asistir, estaré de viaje.", "invite", "decline"),
    c("Ci sarò, grazie.", "invite", "accept"),
    c("Non potrò partecipare, purtroppo.", "invite", "decline"),
    c("Я приму участие онлайн.", "invite", "accept"),
    c("Ik kan helaas niet.", "invite", "decline"),
    c("Peut-être, je vous confirme demain.", "invite", "tentative"),
    c("Aucune remarque, pas de corrections de notre part.", "minutes", "ack"),
    c("Keine Anmerkungen von unserer Seite.", "minutes", "ack"),
    c("Punkt 3 stimmt nicht, die Frist war der 30. Oktober.", "minutes", "objection"),
    c("Nessuna obiezione.", "minutes", "ack"),
    c("Validé, merci.", "acceptance", "pass"),
    c("Noch nicht freigegeben: es fehlen die Messdaten.", "acceptance", "reject"),
    c("Aprobado por nuestra parte.", "acceptance", "pass"),
    c("Le rapport est ci-joint.", "task", "done"),
    c("Wir brauchen noch eine Woche mehr Zeit.", "task", "delay"),
    c("Ancora in corso, finiamo venerdì.", "task", "progress"),
    c("Готово, отчёт во вложении.", "task", "done"),
    c("Opción 2 y 3.", "poll", "availability", 3, slots=[2, 3]),
    c("Tous me conviennent sauf le 1.", "poll", "availability", 3, slots=[2, 3]),
    c("Optie 2 past niet, 1 en 3 wel.", "poll", "availability", 3, slots=[1, 3]),
    c(
        "Hallo, ich bin im Urlaub. Meine Kollegin Eva Roth (eva.roth@example.de) übernimmt.",
        "invite",
        "delegate",
        delegate="Eva Roth",
    ),
    c(
        "Asistiré. ¿Podemos añadir un punto sobre los plazos de aduana?",
        "invite",
        "accept",
        topic="los plazos de aduana",
    ),
]

# A fresh batch written after the blind batch1 was passing, scored before any change made
# for it: 28/40, no confident wrong intent (the honest figure); rules then fixed.
CASES_6 = [
    c("Volontiers, je me connecterai en visio.", "invite", "accept"),
    c("Désolé, je suis en déplacement à Lille cette semaine-là.", "invite", "decline"),
    c("Ich nehme teil, allerdings nur online.", "invite", "accept"),
    c("Bin an dem Tag leider auf Dienstreise.", "invite", "decline"),
    c("Lo siento, ese día tengo una auditoría y no puedo ir.", "invite", "decline"),
    c(
        "Parteciperà il mio collega Luca Verdi al posto mio.",
        "invite",
        "delegate",
        delegate="Luca Verdi",
    ),
    c("К сожалению, не получится.", "invite", "decline"),
    c("Przyjdę.", "invite", "accept"),
    c("Wir kommen zu zweit.", "invite", "accept"),
    c("我哋會準時到", "invite", "accept"),
    c("嗰日要出差，去唔到", "invite", "decline"),
    c("我这边安排采购部王经理参会", "invite", "delegate", delegate="王经理"),
    c("OK 到时线上接入", "invite", "accept"),
    c("先占个位，临时有变再说", "invite", "tentative"),
    c("Alles klar, keine Einwände.", "minutes", "ack"),
    c("Le point 2 n'est pas correct : c'était 40/60.", "minutes", "objection"),
    c("Все верно, спасибо.", "minutes", "ack"),
    c("纪要收到，没意见", "minutes", "ack"),
    c("第5条漏了我们提的保修条款", "minutes", "objection"),
    c("No changes needed on our end.", "minutes", "ack"),
    c("Freigegeben.", "acceptance", "pass"),
    c("Non è ancora approvato, manca la firma.", "acceptance", "reject"),
    c("可以验收了，辛苦", "acceptance", "pass"),
    c("还有两处错别字，改完再发一版", "acceptance", "reject"),
    c("Signed off, thanks team.", "acceptance", "pass"),
    c("La traduction est terminée, voir pièce jointe.", "task", "done"),
    c("Wir liegen etwas hinter dem Plan, brauchen bis Mittwoch.", "task", "delay"),
    c("Ya está enviado al cliente.", "task", "done"),
    c("差不多做完一半了", "task", "progress"),
    c("今天出不来了，周五给", "task", "delay"),
    # no rule reads 'left the factory' as done: honestly unclear
    c("The shipment left the factory today.", "task", "unclear"),
    c("Still waiting on the lab results, halfway there.", "task", "progress"),
    c("We'll be a couple of days late on this.", "task", "delay"),
    c("2 e 3 vanno bene.", "poll", "availability", 3, slots=[2, 3]),
    c("Nur Option 1 passt.", "poll", "availability", 3, slots=[1]),
    c("❶❸ 可以", "poll", "availability", 3, slots=[1, 3]),
    c("1號同2號都唔得，3得", "poll", "availability", 3, slots=[3]),
    c("Any of them except the last one.", "poll", "availability", 3, slots=[1, 2]),
    c("All of them are fine except 3", "poll", "availability", 4, slots=[1, 2, 4]),
    c("第二和第三都行", "poll", "availability", 3, slots=[2, 3]),
]


def _id(case: Case) -> str:
    return f"{case.context}:{case.body[:30]}"


@pytest.mark.parametrize("case", CASES + CASES_2 + CASES_3 + CASES_4 + CASES_5 + CASES_6, ids=_id)
def test_reads_what_people_write(case: Case) -> None:
    got = read_intent(case.body, case.context, case.size, options=case.options)
    assert got.intent == case.intent
    if "slots" in case.fields:
        assert got.slots == case.fields["slots"]
    if "delegate" in case.fields:
        assert case.fields["delegate"].lower() in (got.delegate or "").lower()
    if "topic" in case.fields:
        assert case.fields["topic"] in (got.topic or "")


def test_a_reply_mail_is_read_against_the_poll_options_it_answers() -> None:
    from parsers.mime import parse_mail
    from parsers.reply import read_reply

    raw = (
        "From: Li Ming <li@example.com>\r\nTo: meet@example.com\r\nSubject: Re: 时间投票\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n周三及以后的都可以\r\n"
    ).encode()
    mail = parse_mail(raw)
    assert read_reply(mail, "poll", 4, poll_options=WEEKDAY_OPTIONS).slots == [3, 4]
    assert read_reply(mail, "poll", 4).intent == "unclear"


QUOTED_POLL = (
    "From: Marco <marco@example.it>\r\nTo: meet@example.com\r\nSubject: Re: poll\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n{answer}\r\n\r\n"
    "2026-10-27 09:00 GMT+08:00 Meeting Assistant <meet@example.com>:\r\n"
    "> Which slots work for you?\r\n>\r\n> 1. Tue 3 Nov, 16:00\r\n> 2. Wed 4 Nov, 16:00\r\n"
    ">\r\n> 3. Thu 5 Nov, 15:00\r\n>\r\n> Just reply with the numbers.\r\n"
)


@pytest.mark.parametrize(
    ("answer", "slots"),
    [
        ("Tuesday and Thursday work for me.", [1, 3]),
        ("除了周三，其他都行", [1, 3]),
        ("1 and 3 work for me. Wednesday is our all-hands.", [1, 3]),
    ],
)
def test_weekday_answers_read_against_the_quoted_poll(answer: str, slots: list[int]) -> None:
    from parsers.mime import parse_mail
    from parsers.reply import read_reply

    mail = parse_mail(QUOTED_POLL.format(answer=answer).encode())
    assert read_reply(mail, "poll", 3).slots == slots


def test_option_labels_come_from_a_numbered_run_of_the_right_size() -> None:
    from parsers.poll_slots import options_from_quote

    text = "1. ok\n2. fine\n\n> 1. 周一 14:00\n> 2. 周二 14:00\n> 3. 周三 14:00\n"
    assert options_from_quote(text, 3) == ["周一 14:00", "周二 14:00", "周三 14:00"]
    assert options_from_quote(text, 4) is None


@pytest.mark.parametrize(
    ("body", "decision"),
    [
        # what workflows/tracking.py's APPROVE/REFUSE read today: the same answers
        ("同意", True),
        ("不同意", False),
        ("批准", True),
        ("不批准", False),
        ("不可以", False),
        ("驳回", False),
        ("Approved", True),
        ("not approved", False),
        ("No, we need it Friday.", False),
        # and what they miss
        ("可以，但最晚周五", True),
        ("不行，必须按原计划交", False),
        ("同意延期到下周三", True),
        ("Fine, take until Monday.", True),
        ("OK, but no - keep the original date.", False),
        ("收到", None),
        ("我再想想", None),
    ],
)
def test_answers_to_a_delay_request(body: str, decision: bool | None) -> None:
    from parsers.intent import read_delay_answer

    assert read_delay_answer(body) is decision

"""The one table of quote headers, taglines, sign-offs and signature lines, per mail client.

Every marker that separates what a person newly wrote from quoted history or a
signature lives here, with the clients that produce it, so that supporting a new
client is one row (plus a real .eml under tests/fixtures/replies/) and never a
regex hidden in code.  parsers.reply_body applies the rows; it knows no client.

Kinds:
* ``header``    one line (or one line wrapped onto the next) that starts quoted
                history: an attribution ("On … wrote:") or a banner ("-----原始邮件-----").
* ``from``      the first line of a header block ("发件人: …", "From: …"); it starts quoted
                history only when a ``field`` line follows within HEADER_BLOCK_SPAN lines.
* ``field``     the other lines of such a block ("发送时间: …", "Sent: …", "Date: …").
* ``separator`` a rule line that starts quoted history when a ``from`` line follows.
* ``delimiter`` the signature delimiter: everything after it is signature.
* ``tagline``   a client's mobile tagline, or a confidentiality disclaimer: it and
                everything after it is signature.
* ``signoff``   a closing formula alone on its line: it and the name lines after it go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Pattern:
    name: str
    kind: str
    clients: tuple[str, ...]
    langs: tuple[str, ...]
    regex: re.Pattern[str]
    example: str


def _p(name: str, kind: str, clients: str, langs: str, regex: str, example: str) -> Pattern:
    return Pattern(
        name,
        kind,
        tuple(clients.split(", ")),
        tuple(langs.split(", ")),
        re.compile(regex, re.I),
        example,
    )


# Lines of a header block after the first one must appear within this many lines.
HEADER_BLOCK_SPAN = 3

# What a mobile tagline names as the device it was sent from.
DEVICE = (
    r"iPhone|iPad|iPod|Android|Galaxy|Samsung|Huawei|HUAWEI|Honor|Xiaomi|Redmi|OPPO|vivo|OnePlus|Pixel|"
    r"Nokia|Motorola|HTC|Sony|Xperia|BlackBerry|Windows|Mac|phone|mobile|cell|smartphone|device|tablet"
)

# A colon, half- or full-width, with the spacing clients put around it.
C = r"\s*[:：]\s*"

PATTERNS: tuple[Pattern, ...] = (
    # ---- banners ------------------------------------------------------------------
    _p(
        "outlook-original-zh",
        "header",
        "outlook-zh, outlook-mac, sina, 163",
        "zh",
        r"^-{2,}\s*原始(邮件|郵件|信息|訊息|消息)\s*-{2,}\s*$",
        "-----原始邮件-----",
    ),
    _p(
        "outlook-original-en",
        "header",
        "outlook-en, yahoo, android",
        "en",
        r"^-{2,}\s*Original\s+(Message|message|Email)\s*-{2,}\s*$",
        "-----Original Message-----",
    ),
    _p(
        "qq-original",
        "header",
        "qqmail, exmail, wecom, foxmail",
        "zh",
        r"^-{6,}\s*(原始邮件|Original|原始郵件)\s*-{6,}\s*$",
        "------------------ 原始邮件 ------------------",
    ),
    _p(
        "netease-mailmaster",
        "header",
        "163, 126, yeah, netease-mailmaster",
        "zh",
        r"^-{2,}\s*回复的原邮件\s*-{2,}\s*$",
        "---- 回复的原邮件 ----",
    ),
    _p(
        "forwarded-banner",
        "header",
        "gmail, thunderbird, outlook, feishu, apple-mail",
        "en, zh, de",
        r"^-{2,}\s*(Forwarded message|Forwarded Message|转发的邮件|轉寄的郵件|转发邮件|"
        r"已转发邮件|转发的消息|Weitergeleitete Nachricht)\s*-{2,}\s*$",
        "---------- Forwarded message ---------",
    ),
    _p(
        "apple-forward",
        "header",
        "apple-mail, ios",
        "en, zh",
        r"^(Begin forwarded message|以下为转发的邮件|轉寄的郵件開始)\s*[:：]\s*$",
        "Begin forwarded message:",
    ),
    # ---- attributions -------------------------------------------------------------
    _p(
        "gmail-en-wrote",
        "header",
        "gmail-en, thunderbird, apple-mail, yahoo, android",
        "en",
        r"^On\s.{4,300}\bwrote\s*[:：]\s*$",
        "On Wed, Jul 8, 2026 at 3:20 PM Zhang San <a@b.com> wrote:",
    ),
    _p(
        "gmail-zh-wrote",
        "header",
        "gmail-zh, android",
        "zh",
        r"^.{1,200}于\s*\d{4}\s*年.{1,80}写道\s*[:：]\s*$",
        "张三 <a@b.com> 于2026年7月8日周三 15:20写道：",
    ),
    _p(
        "zai-wrote",
        "header",
        "apple-mail, ios, 163, 126, thunderbird-zh, yahoo-zh, sina",
        "zh",
        r"^(在|於|于)\s*.{4,200}(写道|寫道)\s*[:：]\s*$",
        "在 2026年7月8日 15:20，张三 <a@b.com> 写道：",
    ),
    _p(
        "date-wrote",
        "header",
        "apple-mail-hk, thunderbird-zh",
        "zh, en",
        r"^\d{4}\s*[年/\-.]\s*\d{1,2}\s*[月/\-.].{0,200}(写道|寫道|wrote)\s*[:：]\s*$",
        "2026年7月30日 10:00，會議助手 <a@b.com> 写道：",
    ),
    _p(
        "lark-wrote",
        "header",
        "feishu, lark",
        "zh",
        r"^.{1,200}(写道|寫道)\s*[:：]\s*$",
        "张三 <a@b.com> 2026年7月8日 15:20 写道：",
    ),
    _p(
        "bare-wrote",
        "header",
        "k9-mail, eudora, mutt, evolution",
        "en, de, fr",
        r"^.{0,120}<[^<>\s]+@[^<>\s]+>\s*(wrote|schrieb|a écrit)\s*:\s*$",
        "Zhang San <a@b.com> wrote:",
    ),
    # ---- banners and attributions of foreign partners' clients --------------------------
    _p(
        "original-banner-intl",
        "header",
        "outlook-de, outlook-es, outlook-fr, outlook-it, outlook-nl, outlook-pt, outlook-da, outlook-sv, "
        "outlook-no, outlook-ru, outlook-pl, outlook-fi, outlook-cs, outlook-ja, thunderbird",
        "de, es, fr, it, nl, pt, da, sv, no, ru, pl, fi, cs, tr, ja, en",
        r"^\W{0,2}-{2,}\s*(Urspr[üu]ngliche Nachricht|Antwort Nachricht|Mensaje original|Message d'origine|"
        r"Message original|Messaggio originale|Oorspronkelijk bericht|Origineel bericht|Mensagem original|"
        r"Oprindelig meddelelse|Ursprungligt meddelande|Opprinnelig melding|Исходное сообщение|"
        r"Пересылаемое сообщение|Wiadomość oryginalna|Oryginalna wiadomość|Alkuperäinen viesti|"
        r"Původní zpráva|Orijinal Mesaj|Özgün İleti|元のメッセージ|Original Message|Reply Message|"
        r"Forwarded message)\s*-{2,}\W{0,2}$",
        "-----Ursprüngliche Nachricht-----",
    ),
    _p(
        "wrote-en",
        "wrote",
        "gmail-en, apple-mail, thunderbird, k9-mail, yahoo, android",
        "en",
        r"\b(wrote|sent|writes)\b",
        "On 11-Apr-2011, at 6:54 PM, Roman <romant@example.com> sent:",
    ),
    _p(
        "wrote-fr",
        "wrote",
        "gmail-fr, apple-mail-fr, thunderbird-fr",
        "fr",
        r"\ba [ée]crit\b",
        "Le mer. 8 juil. 2026 à 15:20, Wang Fang <wangfang@chengchuan.example.cn> a écrit :",
    ),
    _p(
        "wrote-de",
        "wrote",
        "gmail-de, apple-mail-de, thunderbird-de",
        "de",
        r"\bschrieb\b",
        "Am 08.07.2026 um 15:20 schrieb Wang Fang <wangfang@chengchuan.example.cn>:",
    ),
    _p(
        "wrote-es",
        "wrote",
        "gmail-es, apple-mail-es, thunderbird-es",
        "es, ca",
        r"\b(escribi[óo]|ha escrit)",
        "El mié, 8 jul 2026 a las 15:20, Wang Fang (<wangfang@chengchuan.example.cn>) escribió:",
    ),
    _p(
        "wrote-it",
        "wrote",
        "gmail-it, apple-mail-it",
        "it",
        r"\bha scritto\b",
        "Il giorno mer 8 lug 2026 alle ore 15:20 Wang Fang <wangfang@chengchuan.example.cn> ha scritto:",
    ),
    _p(
        "wrote-nl",
        "wrote",
        "gmail-nl, apple-mail-nl",
        "nl",
        r"\b(schreef|het volgende geschreven)\b",
        "Op wo 8 jul. 2026 om 15:20 schreef Wang Fang <wangfang@chengchuan.example.cn>:",
    ),
    _p(
        "wrote-pt",
        "wrote",
        "gmail-pt, apple-mail-pt",
        "pt",
        r"\bescreveu\b",
        "Em qua., 8 de jul. de 2026 às 15:20, Wang Fang <wangfang@chengchuan.example.cn> escreveu:",
    ),
    _p(
        "wrote-ru",
        "wrote",
        "gmail-ru, yandex, mail-ru, thunderbird-ru",
        "ru, uk",
        r"(написал|написала|написав|пишет|пише)\b",
        "8 июля 2026 г., в 15:20, Wang Fang <wangfang@chengchuan.example.cn> написал:",
    ),
    _p(
        "wrote-pl",
        "wrote",
        "gmail-pl, thunderbird-pl",
        "pl",
        r"\b(napisał|napisała|pisze)",
        "W dniu 8.07.2026 o 15:20, Wang Fang pisze:",
    ),
    _p(
        "wrote-nordic",
        "wrote",
        "gmail-da, gmail-no, gmail-sv, apple-mail-da, outlook-mac-sv",
        "da, no, sv",
        r"\bskrev\b",
        "Den 8. jul. 2026 kl. 15.20 skrev Wang Fang <wangfang@chengchuan.example.cn>:",
    ),
    _p(
        "wrote-hu",
        "wrote",
        "gmail-hu, thunderbird-hu",
        "hu",
        r"(\bírta\b|ezt írta)",
        "Wang Fang <wangfang@chengchuan.example.cn> ezt írta (időpont: 2026. júl. 8., Sze, 15:20):",
    ),
    _p(
        "wrote-fi",
        "wrote",
        "gmail-fi",
        "fi",
        r"\bkirjoitti\b",
        "ke 8. heinäk. 2026 klo 15.20 Wang Fang <wangfang@chengchuan.example.cn> kirjoitti:",
    ),
    _p(
        "wrote-cs",
        "wrote",
        "gmail-cs",
        "cs",
        r"\b(napsal|napsala)\b",
        "st 8. 7. 2026 v 15:20 odesílatel Wang Fang <wangfang@chengchuan.example.cn> napsal:",
    ),
    _p(
        "wrote-tr",
        "wrote",
        "gmail-tr",
        "tr",
        r"(yazdı|şunu yazdı)",
        "Wang Fang <wangfang@chengchuan.example.cn>, 8 Tem 2026 Çar, 15:20 tarihinde şunu yazdı:",
    ),
    _p(
        "wrote-vi",
        "wrote",
        "gmail-vi",
        "vi",
        r"đã viết",
        "Vào 14:24 8 tháng 6, 2017, Hùng <h@x.com> đã viết:",
    ),
    _p(
        "wrote-ko",
        "wrote",
        "apple-mail-ko",
        "ko",
        r"작성",
        "2016. 11. 8. 오후 12:39 Test user <test@example.com> 작성:",
    ),
    _p(
        "wrote-ja",
        "wrote",
        "apple-mail-ja",
        "ja",
        r"のメッセージ|が書きました",
        "2016/11/08 14:26、Test user <test@example.com> のメッセージ:",
    ),
    _p(
        "gmail-date-attribution",
        "header",
        "gmail (2012-2017 web and android)",
        "any",
        r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}\s+GMT[+-]\d{1,2}:\d{2}\s+(?!.*\.\s)[^!?。！？]{1,160}$",
        "2016-03-03 17:21 GMT+01:00 Some One <some.one@example.com>:",
    ),
    # ---- header blocks ------------------------------------------------------------
    _p(
        "from-zh",
        "from",
        "outlook-zh, outlook-mac-zh, foxmail, qqmail, exmail, feishu, aliyun, sina",
        "zh",
        rf"^\*?\s*发件人{C}",
        "发件人: 张三 <a@b.com>",
    ),
    _p(
        "from-tw",
        "from",
        "outlook-tw",
        "zh-tw",
        rf"^\*?\s*(寄件者|寄件人|發件人){C}",
        "寄件者: 張三 <a@b.com>",
    ),
    _p(
        "from-en",
        "from",
        "outlook-en, outlook-mac, foxmail, wecom, lark, samsung, yahoo",
        "en",
        rf"^\*?\s*From{C}\S",
        "From: Zhang San <a@b.com>",
    ),
    _p(
        "from-table",
        "from",
        "netease-mailmaster, 163",
        "zh, en",
        r"^\|?\s*(发件人|From)\s*\|",
        "| 发件人 | 张三<a@b.com> |",
    ),
    _p(
        "field-sent-zh",
        "field",
        "outlook-zh, foxmail, qqmail, feishu, aliyun, sina",
        "zh",
        rf"^\*?\s*(发送时间|发送日期|时\s*间|日\s*期|收件人|主\s*题|抄送){C}",
        "发送时间: 2026年7月8日 15:20",
    ),
    _p(
        "field-sent-tw",
        "field",
        "outlook-tw",
        "zh-tw",
        rf"^\*?\s*(寄件日期|傳送時間|日期|收件者|收件人|主旨|副本){C}",
        "寄件日期: 2026年7月8日 下午 03:20",
    ),
    _p(
        "field-sent-en",
        "field",
        "outlook-en, outlook-mac, foxmail, wecom, lark, samsung, yahoo",
        "en",
        rf"^\*?\s*(Sent|Date|To|Subject|Cc|Send Time|Sent Time){C}",
        "Sent: Wednesday, July 8, 2026 3:20 PM",
    ),
    _p(
        "field-table",
        "field",
        "netease-mailmaster, 163",
        "zh, en",
        r"^\|?\s*(日期|发送时间|收件人|主题|Date|To|Subject)\s*\|",
        "| 日期 | 2026年07月08日 15:20 |",
    ),
    # ---- header block labels of other languages (a block also needs an address or a date)
    _p(
        "from-intl",
        "from",
        "outlook-de, outlook-fr, outlook-es, outlook-it, outlook-nl, outlook-pt, outlook-sv, outlook-da, "
        "outlook-no, outlook-ru, outlook-pl, outlook-cs, outlook-tr, outlook-fi, outlook-hu, outlook-ja, outlook-ko",
        "de, fr, es, it, nl, pt, sv, da, no, ru, pl, cs, tr, fi, hu, ja, ko",
        rf"^\*?\s*(Von|Absender|De|Da|Van|Afzender|Från|Fra|От|Od|Kimden|Lähettäjä|Feladó|Remetente|"
        rf"差出人|보낸 사람|Từ)\s*\*?{C}\S",
        "Von: Wang Fang <wangfang@chengchuan.example.cn>",
    ),
    _p(
        "field-intl",
        "field",
        "outlook-de, outlook-fr, outlook-es, outlook-it, outlook-nl, outlook-pt, outlook-sv, outlook-da, "
        "outlook-no, outlook-ru, outlook-pl, outlook-cs, outlook-tr, outlook-fi, outlook-hu, outlook-ja, outlook-ko",
        "de, fr, es, it, nl, pt, sv, da, no, ru, pl, cs, tr, fi, hu, ja, ko",
        rf"^\*?\s*(Gesendet|Datum|An|Betreff|Kopie|Envoy[ée]( le)?|[ÀA]|Objet|Copie [àa]|Cc|Inviato|Data|"
        rf"Oggetto|Verzonden|Aan|Onderwerp|Enviad[oa]( el| em)?|Fecha|Para|Asunto|Assunto|Skickat|Till|Ämne|"
        rf"Sendt|Til|Emne|Отправлено|Дата|Кому|Копия|Тема|Wysłano|Wysłane|Do|Temat|DW|Odesláno|Komu|"
        rf"Předmět|Gönderildi|Gönderilme|Tarih|Kime|Konu|Lähetetty|Vastaanottaja|Aihe|Elküldve|Címzett|"
        rf"Tárgy|送信日時|宛先|件名|보낸 날짜|받는 사람|제목|Reply-To|Risposta|Antwort an)\s*\*?{C}",
        "Gesendet: Mittwoch, 8. Juli 2026 15:20",
    ),
    # ---- separators ---------------------------------------------------------------
    _p(
        "outlook-rule",
        "separator",
        "outlook-zh, outlook-en, outlook-tw, outlook-web, aliyun",
        "any",
        r"^\s*(_{10,}|-{20,}|={20,})\s*$",
        "________________________________",
    ),
    _p(
        "bare-original-banner",
        "separator",
        "wecom, exmail-mobile, coremail-web",
        "zh, en",
        r"^\W{0,3}(原始邮件|原始郵件|原邮件|邮件原文|Original Message|Original Email)\W{0,3}$",
        "原始邮件",
    ),
    # ---- signatures ---------------------------------------------------------------
    _p(
        "sig-dashdash",
        "delimiter",
        "gmail, thunderbird, apple-mail, mutt, foxmail",
        "any",
        r"^--\s?$",
        "-- ",
    ),
    _p(
        "tag-iphone-zh",
        "tagline",
        "apple-mail, ios, qqmail-app",
        "zh, zh-tw",
        r"^(发自我的\s*(iPhone|iPad|手机|华为手机|小米手机|荣耀手机|OPPO手机|vivo手机|三星手机|Android|安卓手机)|"
        r"從我的\s*(iPhone|iPad)\s*傳送|傳自我的\s*(iPhone|iPad))\s*$",
        "发自我的iPhone",
    ),
    _p(
        "tag-sent-from-en",
        "tagline",
        "apple-mail, ios, android, samsung, huawei",
        "en",
        rf"^Sent (from|with|via) (my\s+(\S+\s+){{0,2}}?({DEVICE})|my( [A-Z0-9][\w-]*){{1,5}}$|Mail for|the|Outlook|Yahoo|Gmail|Samsung|"
        r"Huawei|BlackBerry|iPhone|iPad|Android|Xiaomi|Lark|Feishu|WeCom|Proton|Zoho|Spark|myMail|AOL|Edison|"
        r"Newton|HEY)\b.{0,60}$",
        "Sent from my iPhone",
    ),
    _p(
        "tag-outlook-mobile",
        "tagline",
        "outlook-ios, outlook-android",
        "en, zh",
        r"^(Get Outlook for (iOS|Android)|获取\s*(Outlook for (iOS|Android)|(iOS|Android)\s*版\s*Outlook)|"
        r"取得\s*(iOS|Android)\s*版\s*Outlook)\s*$",
        "Get Outlook for iOS",
    ),
    _p(
        "tag-netease",
        "tagline",
        "163, 126, yeah, netease-mailmaster",
        "zh",
        r"^(来自|发自)\s*(网易邮箱大师|网易邮箱|163邮箱|126邮箱|网易灵犀办公)\s*$",
        "来自网易邮箱大师",
    ),
    _p(
        "tag-wecom",
        "tagline",
        "wecom",
        "zh, en",
        r"^(发自我的企业微信|来自企业微信|Sent from WeCom)\s*$",
        "发自我的企业微信",
    ),
    _p(
        "tag-feishu",
        "tagline",
        "feishu, lark",
        "zh, en",
        r"^(发自飞书|来自飞书|Sent (from|with) (Lark|Feishu))\s*$",
        "Sent with Lark",
    ),
    _p(
        "tag-yahoo",
        "tagline",
        "yahoo",
        "en",
        r"^Sent from Yahoo Mail( for iPhone| on Android| for iPad)?\s*$",
        "Sent from Yahoo Mail on Android",
    ),
    _p(
        "tag-qq-aliyun",
        "tagline",
        "qqmail-app, aliyun, sina, 139",
        "zh",
        r"^(来自|发自)\s*(QQ邮箱|手机QQ邮箱|阿里邮箱|阿里云邮箱|新浪邮箱|139邮箱|Foxmail|钉钉)\s*((iPhone|Android|iPad)\s*版)?\s*$",
        "发自阿里邮箱",
    ),
    _p(
        "tag-windows-zh",
        "tagline",
        "windows-mail, outlook-mobile-zh",
        "zh",
        r"^(发送自|从)\s*Windows\s*版?\s*(邮件|邮件应用)(发送)?\s*$|^从我的\s*.{1,12}\s*发送\s*$",
        "发送自 Windows 版邮件",
    ),
    _p(
        "tag-mobile-intl",
        "tagline",
        "apple-mail, ios, android, samsung, outlook-mobile, blackberry",
        "fr, de, es, it, nl, pt, ru, ja, ko, sv, da, no, pl, tr, fi, cs, zh, zh-tw",
        r"^\(?<{0,2}("
        r"envoy[ée] (de|depuis) (mon|ma) .{2,40}|"
        r"von meinem .{2,40} gesendet|gesendet von meinem .{2,40}|"
        r"enviado (desde|con) mi .{2,40}|enviado (do|desde o) meu .{2,40}|"
        r"inviato da(l mio)? .{2,40}|"
        r"verzonden (vanaf|met|via) (mijn )?.{2,40}|verstuurd vanaf mijn .{2,40}|"
        r"отправлено с .{2,40}|"
        r"skickat från min .{2,40}|sendt fra min .{2,40}|"
        r"wysłane z .{2,40}|"
        r".{2,30}('umdan|'dan|'den) gönderildi|"
        r"lähetetty .{2,40}|odesláno z .{2,40}|"
        r".{2,30}から送信|.{2,30}에서 보냄|"
        r"发自我的\s*.{2,30}|发送自我的\s*.{2,30}|從我的\s*.{2,30}傳送|傳自我的\s*.{2,30}"
        r")[.!]?>{0,2}\)?\s*$",
        "Envoyé de mon iPhone",
    ),
    _p(
        "tag-mobile-en-variants",
        "tagline",
        "android, k9-mail, airmail, mailbox, blackberry, windows-mail",
        "en, de",
        r"^\(?<{0,2}(sent (from|with|via|by) (a |my )?(mobile|phone|cell|galaxy|airmail|mailbox|mail|"
        r"windows mail|\[?mail\]?|blackberry|iphone|ipod|ipad|android|alcatel|htc|samsung|sony|pixel|nokia|"
        r"huawei|xiaomi|oneplus|motorola|ti-\d+|windows)\b.{0,80}|"
        r"from my (iphone|ipad|android|mobile|phone|galaxy).{0,20}|"
        r"diese nachricht wurde von meinem .{2,60} gesendet\.?|von meinem mobilgerät gesendet|"
        r"get (\[)?outlook for (ios|android).{0,60})[.!]?>{0,2}\)?\s*$",
        "Sent from my Samsung Galaxy s5 Octacore device",
    ),
    _p(
        "disclaimer-en",
        "tagline",
        "outlook-en, exchange, gmail-workspace",
        "en",
        r"^(confidentiality (notice|note)|disclaimer|important notice)\b|"
        r"^this (e-?mail|message|communication)( and any (files|attachments)( transmitted with it)?)? "
        r"(is|are|may contain|contains?) (confidential|privileged|intended)",
        "CONFIDENTIALITY NOTICE: This e-mail is intended only for the addressee.",
    ),
    _p(
        "disclaimer-zh",
        "tagline",
        "outlook-zh, exmail, coremail",
        "zh",
        r"^(免责声明|保密声明|【?保密提示】?)|^(本|此)(邮件|郵件|电子邮件)[^。]{0,20}(保密|机密|機密|专有|隐私)",
        "本邮件及其附件含有保密信息，仅限于发送给上面地址中列出的个人或群组。",
    ),
    _p(
        "signoff-en",
        "signoff",
        "any",
        "en",
        r"^(best( regards| wishes)?|kind regards|warm regards|regards|br|rgds|cheers|thanks|"
        r"thank you|many thanks|thanks (again|a lot)|thx|sincerely|yours sincerely|yours truly|"
        r"sincerely yours|all the best|with (best|kind|warm) regards|thanks (&|and) (best )?regards)"
        r"\s*[,.!]?\s*$",
        "Best regards,",
    ),
    _p(
        "signoff-zh",
        "signoff",
        "any",
        "zh, zh-tw",
        r"^(谢谢|謝謝|多谢|多謝|感谢|感謝|非常感谢|谢谢您|此致|敬礼|敬禮|此致\s*敬礼|祝好|顺祝商祺|"
        r"順祝商祺|顺颂商祺|順頌商祺|顺颂时祺|祝工作顺利|祝一切顺利|祝商祺|此致敬禮)\s*[，,。.！!~～]*\s*$",
        "顺祝商祺！",
    ),
    _p(
        "signoff-intl",
        "signoff",
        "any",
        "de, fr, es, it, nl, pt, ru, pl, sv, da, no, fi, cs, tr, ja",
        r"^(mit freundlichen gr(ü|ue)(ß|ss)en|freundliche gr(ü|ue)(ß|ss)e|viele gr(ü|ue)(ß|ss)e|"
        r"beste gr(ü|ue)(ß|ss)e|liebe gr(ü|ue)(ß|ss)e|gr(ü|ue)(ß|ss)e|gru(ß|ss)|mfg|lg|"
        r"cordialement|bien cordialement|bien à vous|salutations|meilleures salutations|amicalement|"
        r"saludos|un saludo|saludos cordiales|atentamente|cordiali saluti|distinti saluti|saluti|"
        r"met vriendelijke groet(en)?|vriendelijke groet(en)?|groet(en)?|mvg|"
        r"atenciosamente|abraços|cumprimentos|с уважением|всего доброго|pozdrawiam|z poważaniem|"
        r"med vänliga hälsningar|med vänlig hälsning|vänliga hälsningar|hälsningar|mvh|"
        r"med venlig hilsen|venlig hilsen|vennlig hilsen|med vennlig hilsen|ystävällisin terveisin|"
        r"terveisin|s pozdravem|saygılarımla|よろしくお願いします|よろしくお願いいたします|"
        r"bonne (journée|soirée|fin de journée|semaine)|bon week-end|à bientôt|buona (giornata|serata)|"
        r"a presto|(einen )?schönen tag( noch)?|bis bald|(que tengas un )?buen día|hasta pronto|"
        r"miłego dnia|fijne dag( nog)?|ha en (bra|trevlig) dag|hyvää päivänjatkoa|hezký den|"
        r"have a (nice|good|great) (day|weekend)|talk soon|speak soon)\s*[,.!]?\s*$",
        "Mit freundlichen Grüßen",
    ),
)


def rows(kind: str) -> tuple[Pattern, ...]:
    return tuple(p for p in PATTERNS if p.kind == kind)


# ---- closing contact blocks: lines that only a signature holds ------------------------

SIGNATURE_LINE = re.compile(
    "|".join(
        (
            # labelled phone, fax, mail, address, web
            r"^\s*(电话|電話|手机|手機|座机|传真|傳真|Tel|Phone|Mobile|Mob|Cell|Fax|T|M|P|E|"
            r"Email|E-mail|邮箱|郵箱|地址|Address|Add|Web|网址|微信|WeChat|QQ)\s*[:：.]",
            # a bare phone number
            r"^\s*\+?[\d\s\-().]{7,}(\s*(ext\.?|转|分机)\s*\d+)?\s*$",
            # a mail address or a URL on its own line
            r"^\s*[\w.+-]+@[\w-]+(\.[\w-]+)+\s*$",
            r"^\s*(https?://|www\.)\S+\s*$",
            # an organisation
            r"(有限公司|股份公司|有限責任公司|集团|集團|事务所|研究院|研究所|秘书处|秘書處|"
            r"大学|大學|银行|銀行|协会|協會)",
            r"\b(Ltd|Limited|Inc|LLC|GmbH|Corp|Corporation|Co\.|Partners|PLC|Group|AG|S\.A\.)\b",
            r"(\bSp\. z o\.o\.|\bS\.r\.l\.|\bSRL\b|\bS\.p\.A\.|\bSpA\b|\bB\.V\.|\bBV\b|\bN\.V\.|\bA/S\b|"
            r"\bApS\b|\bOy\b|\bAB\b|\bSARL\b|\bSAS\b|\bS\.L\.|\bKG\b|\be\.V\.|\bPty\b|\bPte\b|\bK\.K\.|"
            r"\bOOO\b|ООО|ОАО|\bАО\b|株式会社|有限会社)",
            # a job title or department
            r"(经理|經理|总监|總監|总裁|總裁|总经理|副总|主管|专员|專員|工程师|工程師|顾问|顧問|秘书长|"
            r"秘書長|助理|主任|董事|部长|部長|副理|架构师|架構師|负责人|負責人|策划|策劃|总工|"
            r"[\u4e00-\u9fff]{1,6}部\b|[\u4e00-\u9fff]{1,6}部\s|项目组|項目組)",
            # a department, section or group at the end of a short line ("启辰热控 仿真组")
            r"^[^：:，,。]{0,14}[\u4e00-\u9fff]{1,6}(组|組|科|处|處|办公室|辦公室|研究室|实验室|實驗室|课|課|中心|"
            r"团队|團隊|办|辦)\s*(\||$)",
            r"\b(CEO|CTO|CFO|COO|VP|Manager|Director|Head of|Lead|Analyst|Engineer|Coordinator|"
            r"Consultant|Officer|President|Partner|Specialist|Assistant|Secretary)\b",
            # an address
            r"(省|市).{0,12}(区|區|县|縣|路|街|道).{0,20}(号|號|楼|樓|室|座|大厦|大廈)",
            r"(路|街|道|大道|巷|弄|里)\s*\d+\s*(号|號)",
            r"\b(Via|Viale|Piazza|Rue|Calle|Avenida|Rua|ul\.|ulica|Ulitsa)\s+\S.{0,30}\d|"
            r"\w+(straße|strasse|gasse|gatan|vägen|vej|gade|weg|laan|straat)\s+\d",
            r"^\d+\s+[A-Z][\w ]+(Street|St|Road|Rd|Avenue|Ave|Square|Lane|Drive|Way|Blvd)\b",
            r"\b(Room|Rm|Floor|Fl|Suite|Tower|Building|Bldg|Unit)\s*\d|\d+(st|nd|rd|th)?\s+Floor\b",
            r"\b(Road|Rd|Street|St|Avenue|Ave|District|Square)\b,.*\b(China|Singapore|UK|USA|Germany|\d{5,6})\b",
            r"\b\d+[A-Z]?\b.{0,40}\b(Road|Rd|Street|St|Avenue|Ave|Lane|Boulevard|Blvd|Drive|Square|Place|"
            r"Plaza|Strasse|Straße|Str|Rue|Via|Calle|Avenida|Weg|Laan|gatan|vej)\b|\b\d{1,3}/?F\b",
            # "name | title" style lines
            r"^[^|。？！?!]{1,40}\|[^|。？！?!]{1,60}$",
        )
    ),
    re.I,
)

# Common Chinese surnames (simplified and traditional): a 2-4 character line starting
# with one of them reads as a name; "好的" or "收到" do not.
SURNAMES = (
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧"
    "曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈"
    "夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔"
    "向汤湯欧歐阳陽上官司诸葛諸"
)

# A line that is only a person's name: a Han name of 2-4 characters (optionally followed
# by its romanisation, "陈静 Chen Jing"), or 2-3 capitalised words or initials ("Emily
# Clarke", "J. Smith").  A single word ("Approved.") is only a name when it is the
# sender's own (parsers.reply_body.sender_names).
NAME_LINE = re.compile(
    rf"^\s*([{SURNAMES}][\u4e00-\u9fff]{{1,3}})(\s+[A-Z][a-zA-Z'\-]*){{0,3}}\s*$"
    rf"|^\s*([A-Z][a-zA-Z'\-]+\s+){{1,2}}[{SURNAMES}][\u4e00-\u9fff]{{1,3}}\s*$"
    r"|^\s*([A-Z]\.|[A-Z][a-zA-Z'\-]+)(\s+([A-Z]\.|[A-Z][a-zA-Z'\-]+)){1,2}\s*$"
)

# A tagline or sign-off may carry trailing spaces or zero-width characters.
INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad\u1427]")

"""Group notices through the custom robots of WeCom, DingTalk and Feishu.

Mail stays the channel people answer in; a group gets a short notice beside it.
`payload` builds and signs each platform's message (pure), `robots` keeps the
directory, `notices` writes outbox rows, `post` delivers them.
"""

"""Group robots (WeCom, DingTalk, Feishu): the chat_robot table.

A store made by 0001 from today's models has it already: only what is missing is added.
"""

from store.models import ChatRobot


def up(migrator, db):
    db.create_tables([ChatRobot], safe=True)


def down(migrator, db):
    db.drop_tables([ChatRobot], safe=True)

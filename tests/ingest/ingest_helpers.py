"""Shared pieces of the ingest tests: short original reports and a splitter of results."""

from __future__ import annotations

from sillok.errors import InputError
from sillok.models import Document

EN = (
    "Border guards in Ryanggang Province arrested two women near Hyesan on March 3 as they tried "
    "to cross the Yalu River, a source said. Both were handed to the county security office."
)
KO = (
    "양강도 혜산시에서 이달 초 압록강을 건너려던 여성 두 명이 국경경비대에 체포됐다고 "
    "소식통이 전했다. 이들은 군 보위부로 넘겨져 조사를 받고 있다."
)


def split(items: list[Document | InputError]) -> tuple[list[Document], list[InputError]]:
    """The documents and the errors of a ``read_inputs`` result, checking nothing else came out."""
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(docs) + len(errors) == len(items), "read_inputs yielded something else"
    return docs, errors


# Texts in other languages and scripts, which Sillok does not read.
RU = "Пограничники задержали двух женщин у реки, сообщил источник."
JA = "国境で二人の女性が逮捕されたと情報筋が伝えた。彼女たちは保衛部に引き渡された。"
ZH = "中国公安在图们逮捕了五名脱北者，随后将他们遣返。"

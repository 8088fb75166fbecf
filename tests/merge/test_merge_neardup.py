"""Near-duplicate reports: reposts are found, distinct reports are not, the index persists."""

from __future__ import annotations

import datetime as dt

from sillok.merge.neardup import NearDuplicateIndex, find_near_duplicates, source_groups
from sillok.models import Document

STORY = (
    "Police in Tanchon, South Hamgyong Province, arrested three young mine workers in mid-February after "
    "catching them watching a South Korean drama on a portable media player, a source in the province said. "
    "The three, all in their twenties, were detained at the home of one of them during an evening inspection. "
    "Officers confiscated the player and a memory card holding episodes of several dramas."
)
OTHER = (
    "Border guards in Manpo, Jagang Province, shot dead a man in his forties who had waded into the Yalu River "
    "to collect a bundle of goods left by smugglers, a source said. His body was left on the bank until morning, "
    "and residents were ordered to stay away from the river after dark."
)


def _doc(doc_id: str, text: str) -> Document:
    return Document(doc_id, text, dt.date(2021, 2, 26), "en")


def test_repost_is_found_and_distinct_story_is_not():
    repost = "REPOST: " + STORY.replace("a source in the province said", "a source said") + " (Copyright)"
    pairs = find_near_duplicates([_doc("a", STORY), _doc("b", OTHER), _doc("c", repost)])
    assert [(a, b) for a, b, _ in pairs] == [("a", "c")]
    assert pairs[0][2] >= 0.7


def test_index_persists_and_extends(tmp_path):
    index = NearDuplicateIndex()
    index.add("a", STORY)
    index.add("b", OTHER)
    path = tmp_path / "lsh.json"
    index.save(path)
    loaded = NearDuplicateIndex.load(path)
    assert len(loaded) == 2 and "a" in loaded
    found = loaded.add("c", STORY + " ")
    assert [(d.doc_a, d.doc_b) for d in found] == [("a", "c")]
    again = NearDuplicateIndex()
    again.add_signature("a", index.signature("a"))
    assert [d.doc_a for d in again.add("z", STORY)] == ["a"]


def test_five_reposts_are_one_source():
    docs = [_doc(f"r{n}", f"Posted by site {n}. " + STORY) for n in range(5)] + [_doc("x", OTHER)]
    groups = source_groups(find_near_duplicates(docs), [d.id for d in docs])
    assert len(set(groups.values())) == 2
    assert {groups[f"r{n}"] for n in range(5)} == {"r0"}

"""The workbench keeps its last answers: a text asked again (undo, a word typed and deleted) is
answered without parsing or compiling again, with the same answer; a changed text is worked out."""

from __future__ import annotations

from screener.query import workbench

TEXT = "1. exp Back Pain/\n2. (low adj2 back adj pain).ti,ab.\n3. or/1-2\n"


def test_the_same_text_is_answered_from_the_kept_answer(monkeypatch):
    workbench.forget_answers()
    first = workbench.translate_all(TEXT, "ovid")
    first["server_ms"] = 1.0          # what the web API adds to the answer it is given

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(workbench, "parse", no_parse)
    again = workbench.translate_all(TEXT, "ovid")
    assert "server_ms" not in again
    first.pop("server_ms")
    assert again == first
    assert workbench.check_strategy(TEXT, "ovid") == first["check"]
    # a changed text, another syntax or other targets are not the same question
    for args in ((TEXT + "4. 3 and humans/\n", "ovid"), (TEXT, "pubmed"), (TEXT, "ovid", ["pubmed"])):
        try:
            workbench.translate_all(*args)
        except AssertionError as exc:
            assert "parsed again" in str(exc)
        else:
            raise AssertionError(f"{args[1:]} answered from another question's answer")


def test_kept_answers_are_bounded_and_equal_to_a_fresh_answer():
    workbench.forget_answers()
    texts = [f"{n}. pain{n}.ti.\n" for n in range(1, workbench.ANSWERS_KEPT + 3)]
    for text in texts:
        workbench.translate_all(text, "ovid")
    assert len(workbench._answers) == workbench.ANSWERS_KEPT
    kept = workbench.translate_all(texts[-1], "ovid")
    workbench.forget_answers()
    assert workbench.translate_all(texts[-1], "ovid") == kept

"""Paragraphs: which statements go on in the paragraph before them, and how they refer to
its group (nas_press.plan.JOINED, nas_press.realize.realize.joined)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from tests.conftest import ROOT, load_example

import nas_press
from nas_press.plan import PlannedStatement, plan
from nas_press.plan.discourse import Ref
from nas_press.plan.statements._people import Profile


def statements(release: nas_press.Release) -> dict[str, PlannedStatement]:
    """The planned body statements of a release, by name."""
    return {s.name: s for s in plan(release).statements() if s.path != "lead"}


def ref(statement: PlannedStatement) -> Ref:
    group = getattr(statement.figures, "group", None)
    assert isinstance(group, Ref)
    return group


class TestPlan:
    def test_example_paragraphs(self) -> None:
        """In 2025-h1 the forms of the new clients go on after their admission, with a
        pronoun; the forms of those exploited in Finland after the sentence that gives their
        number, with a pronoun; their profile goes on in that paragraph but names them: the
        sentence before it ends on the victims of a form, not on the group."""
        found = statements(load_example("2025-h1"))
        assert found["new_clients_forms"].joins
        assert "pronoun" == ref(found["new_clients_forms"]).kind
        assert not found["places"].joins  # a quotation stands before it
        assert found["in_finland_forms"].joins
        assert "pronoun" == ref(found["in_finland_forms"]).kind
        assert found["in_finland_profile"].joins
        assert "name" == ref(found["in_finland_profile"]).kind

    def test_pending_referrals_end_the_paragraph_on_another_group(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """After a sentence on the referrals still pending, the new clients are named: the
        nearest group of people is not theirs."""

        def change(data: dict[str, Any]) -> None:
            data["statistics"]["referrals"]["pending"] = 5
            data.pop("lead", None)
            data["body"] = [{"statement": "referrals"}, {"statement": "new_clients_forms"}]

        found = statements(make_release(change))
        assert "name" == ref(found["new_clients_forms"]).kind
        assert not found["new_clients_forms"].joins

    def test_nothing_joins_after_authored_text(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """A statement after an authored paragraph starts its own paragraph and names its
        group."""

        def change(data: dict[str, Any]) -> None:
            data.pop("lead", None)
            data["body"] = [
                {"statement": "referrals"},
                {"paragraph": {"fi": "Teksti.", "sv": "Text.", "en": "Text."}},
                {"statement": "new_clients_forms"},
            ]

        found = statements(make_release(change))
        assert not found["new_clients_forms"].joins
        assert "name" == ref(found["new_clients_forms"]).kind


class TestRealize:
    @pytest.mark.parametrize("lang", ["fi", "sv", "en"])
    def test_joined_paragraph(self, lang: str) -> None:
        """The admission and the forms of the new clients are one paragraph of the text."""
        text = nas_press.to_text(nas_press.render(load_example("2025-h1"), lang))
        (paragraph,) = [p for p in text.split("\n\n") if "185" in p]
        assert "88" in paragraph
        assert "34" in paragraph  # the share of forced marriage

    def test_continuing_paragraph(self, make_release: Callable[..., nas_press.Release]) -> None:
        """An authored paragraph with ``continues = true`` runs on in the paragraph before
        it, in every format's text."""

        def change(data: dict[str, Any]) -> None:
            data["body"] = [
                {"statement": "referrals"},
                {
                    "paragraph": {"fi": "Jatkuu.", "sv": "Fortsätter.", "en": "Goes on."},
                    "continues": True,
                },
            ]

        release = make_release(change)
        document = nas_press.render(release, "en")
        text = nas_press.to_text(document)
        (paragraph,) = [p for p in text.split("\n\n") if "Goes on." in p]
        assert not paragraph.startswith("Goes on.")
        assert "Goes on." in nas_press.to_markdown(document)

    def test_continues_must_be_true_or_false(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """``continues = "yes"`` is refused, naming the key and what it takes."""

        def change(data: dict[str, Any]) -> None:
            data["body"].append(
                {"paragraph": {"fi": "A.", "sv": "A.", "en": "A."}, "continues": "yes"}
            )

        with pytest.raises(nas_press.ReleaseError) as raised:
            make_release(change)
        assert "continues" in str(raised.value)
        assert "true" in str(raised.value)


class TestGroupSize:
    @staticmethod
    def places_ref(
        make_release: Callable[..., nas_press.Release], between: list[dict[str, Any]]
    ) -> Ref:
        def change(data: dict[str, Any]) -> None:
            data["statistics"]["referrals"]["pending"] = 5  # the paragraph ends on them
            data.pop("lead", None)
            data["body"] = [{"statement": "referrals"}, *between, {"statement": "places"}]

        return ref(statements(make_release(change))["places"])

    FILLER: ClassVar[dict[str, Any]] = {
        "paragraph": {"fi": "Teksti.", "sv": "Text.", "en": "Text."}
    }
    HEADING: ClassVar[dict[str, Any]] = {
        "heading": {"fi": "Otsikko", "sv": "Rubrik", "en": "Heading"}
    }

    def test_size_just_stated_is_not_repeated(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """The new clients are named without their number when one of the two statements
        before stated it, whatever authored paragraphs stand between."""
        assert "name" == self.places_ref(make_release, []).kind
        assert "name" == self.places_ref(make_release, [self.FILLER] * 3).kind
        assert "name" == self.places_ref(make_release, [{"statement": "new_clients_forms"}]).kind

    def test_size_not_given_again_further_on(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """Two statements later, or after a heading, the number stated once is not given
        again either: a figure is stated once."""
        later = [{"statement": "new_clients_forms"}, {"statement": "in_finland_forms"}]
        assert "name" == self.places_ref(make_release, later).kind
        assert "name" == self.places_ref(make_release, [self.HEADING]).kind

    def test_size_given_where_nothing_stated_it(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """Where no statement before gave the number of new clients, places gives it as the
        base of its shares ("of the 60 new clients")."""

        def change(data: dict[str, Any]) -> None:
            data.pop("lead", None)
            data["body"] = [{"statement": "places"}]

        found = ref(statements(make_release(change))["places"])
        assert ("count", 60) == (found.kind, found.size)


class TestProfileKnowsWhatWasSaid:
    def test_children_said_just_before(self) -> None:
        """In 2021 the new clients' children are stated just before their own minors: the
        profile knows it (fi "itse alaikäisiä", sv "själva minderåriga")."""
        release = nas_press.load_release(ROOT / "tests" / "periods" / "2021-year.toml")
        profile = statements(release)["new_clients_profile"].figures
        assert isinstance(profile, Profile)
        assert profile.children_said is True

    def test_children_not_said(self) -> None:
        """In 2025-h1 no children are stated before the profile."""
        profile = statements(load_example("2025-h1"))["in_finland_profile"].figures
        assert isinstance(profile, Profile)
        assert profile.children_said is False


def test_three_statements_at_most(make_release: Callable[..., nas_press.Release]) -> None:
    """A fourth statement about the same group starts a paragraph of its own."""

    def change(data: dict[str, Any]) -> None:
        data.pop("lead", None)
        for place in ("home_country", "abroad"):  # places ends on those exploited in Finland
            del data["statistics"]["new_clients"][place]
        data["body"] = [
            {"statement": "places"},
            {"statement": "in_finland_forms"},
            {"statement": "in_finland_profile"},
            {"statement": "in_finland_forms_by_gender"},
        ]

    found = statements(make_release(change))
    assert [False, True, True] == [
        found[name].joins for name in ("places", "in_finland_forms", "in_finland_profile")
    ]
    assert found["in_finland_forms_by_gender"].figures is not None
    assert not found["in_finland_forms_by_gender"].joins


class TestComparisonsGoOn:
    def test_years_back(self) -> None:
        """Each earlier period of a comparison knows how far back it is: in 2018 (year) the
        referrals are compared with 2015, three years earlier."""
        history = statements(nas_press.load_release(ROOT / "tests" / "periods" / "2018-year.toml"))
        rows = history["referrals_history"].figures.rows  # type: ignore[attr-defined]
        assert [(row.period.year, row.years_back) for row in rows] == [(2015, 3)]

    def test_history_follows_the_count(self) -> None:
        """In 2019 the summary ends on those exploited in Finland (70), and the history of
        that number goes on in its paragraph, from it."""
        found = statements(nas_press.load_release(ROOT / "tests" / "periods" / "2019-year.toml"))
        history = found["in_finland_history"]
        assert history.joins
        assert history.figures.follows_count is True  # type: ignore[attr-defined]
        assert [e.years_back for e in history.figures.rows[0].earlier] == [1, 3]  # type: ignore[attr-defined]

    def test_history_does_not_follow_children(self) -> None:
        """In 2020 the summary ends on the children who came with the new clients: the
        history of those exploited in Finland begins a paragraph of its own."""
        found = statements(nas_press.load_release(ROOT / "tests" / "periods" / "2020-year.toml"))
        history = found["in_finland_history"]
        assert not history.joins
        assert history.figures.follows_count is False  # type: ignore[attr-defined]

    def test_forms_after_the_history_name_their_base(self) -> None:
        """In 2019 and 2020 the forms of those exploited in Finland come right after the
        sentence of their earlier years: the group is named with its count, so that the
        forms are not read as those of the earlier years; in 2025-h1, after the sentence
        that gives the number, it is a pronoun."""
        for name, count in (("2019-year", 70), ("2020-year", 123)):
            release = nas_press.load_release(ROOT / "tests" / "periods" / f"{name}.toml")
            forms = statements(release)["in_finland_forms"]
            assert forms.joins, name
            assert (ref(forms).kind, ref(forms).size) == ("count", count), name
            for lang, words in (
                ("fi", f"Suomessa hyväksikäytetyistä {count} uudesta asiakkaasta"),
                ("sv", f"de {count} som utnyttjats i Finland"),
                ("en", f"Of the {count} exploited in Finland, "),
            ):
                text = nas_press.to_text(nas_press.render(release, lang))
                paragraph = next(p for p in text.split("\n\n") if words in p)
                # 52 new clients were exploited in Finland in 2018, said in both histories
                assert paragraph.index(words) > paragraph.index("52 "), (name, lang)
        assert "pronoun" == ref(statements(load_example("2025-h1"))["in_finland_forms"]).kind

    def test_pending_said_after_the_comparison(self) -> None:
        """In 2018-h1 the proposals still pending are said by the history that goes on from
        the referrals, after the earlier years, not between the two."""
        found = statements(load_example("2018-h1"))
        assert found["referrals"].figures.pending is None  # type: ignore[attr-defined]
        history = found["referrals_history"]
        assert history.joins
        assert history.figures.pending == 5  # type: ignore[attr-defined]
        for lang, words in (
            ("fi", "vielä viisi esitystä"),
            ("sv", "fem hänvisningar"),
            ("en", "five referrals"),
        ):
            text = nas_press.to_text(nas_press.render(load_example("2018-h1"), lang))
            paragraph = next(p for p in text.split("\n\n") if words in p)
            assert paragraph.rstrip().endswith("."), lang
            assert paragraph.index(words) > paragraph.index("2016"), lang

    def test_pending_stays_without_history(
        self, make_release: Callable[..., nas_press.Release]
    ) -> None:
        """With no comparison after it, the referrals statement says the pending proposals."""

        def change(data: dict[str, Any]) -> None:
            data["statistics"]["referrals"]["pending"] = 7
            data.pop("lead", None)
            data["body"] = [{"statement": "referrals"}, {"statement": "places"}]

        found = statements(make_release(change))
        assert found["referrals"].figures.pending == 7  # type: ignore[attr-defined]

    def test_history_follows_the_change(self) -> None:
        """In 2022 (year) the referrals are compared with 2021 and go on to this year's new
        clients, and the history goes on from 2021; in 2018 (year) its first row, 2015, is
        another period."""
        found = statements(nas_press.load_release(ROOT / "tests" / "periods" / "2022-year.toml"))
        assert found["referrals_history"].figures.follows_change is True  # type: ignore[attr-defined]
        assert found["referrals_history"].figures.after_admissions is True  # type: ignore[attr-defined]
        year = statements(nas_press.load_release(ROOT / "tests" / "periods" / "2018-year.toml"))
        assert year["referrals_history"].figures.follows_change is False  # type: ignore[attr-defined]

    def test_change_ends_on_the_period_compared(self) -> None:
        """In 2018-h1 the referrals statement ends on its comparison: the new clients of the
        period compared are said in that sentence ("…(88), when 55 new clients were
        admitted"), and the history goes on from the period before it, not naming 2017
        again; in 2022 (year) the referrals statement goes on to this year's new clients, and
        the history says 2021's."""
        found = statements(load_example("2018-h1"))
        assert found["referrals"].figures.earlier_admitted == 55  # type: ignore[attr-defined]
        history = found["referrals_history"].figures
        assert [r.period.year for r in history.rows] == [2016]  # type: ignore[attr-defined]
        assert history.follows_change is False  # type: ignore[attr-defined]
        assert history.admitted_said is True  # type: ignore[attr-defined]
        year = statements(nas_press.load_release(ROOT / "tests" / "periods" / "2022-year.toml"))
        assert year["referrals"].figures.earlier_admitted is None  # type: ignore[attr-defined]
        assert year["referrals_history"].figures.rows[0].admitted == 243  # type: ignore[attr-defined]

    def test_profile_follows_the_forms(self) -> None:
        """In 2025-h1 the profile of those exploited in Finland goes on from their forms; in
        2017 the new clients' profile goes on from a statement that gave none."""
        found = statements(load_example("2025-h1"))
        assert found["in_finland_profile"].figures.follows_forms is True  # type: ignore[attr-defined]
        year = statements(nas_press.load_release(ROOT / "tests" / "periods" / "2017-year.toml"))
        assert year["new_clients_profile"].joins
        assert year["new_clients_profile"].figures.follows_forms is False  # type: ignore[attr-defined]

    def test_follows_the_profile(self) -> None:
        """In the decrease edge case the places of the new clients go on from their profile;
        in 2025-h1 the places follow a quotation, not the profile."""
        found = statements(nas_press.load_release(ROOT / "tests" / "edge" / "decrease.toml"))
        assert found["places"].figures.follows_profile is True  # type: ignore[attr-defined]
        example = statements(load_example("2025-h1"))
        assert example["places"].figures.follows_profile is False  # type: ignore[attr-defined]
        text = nas_press.to_text(
            nas_press.render(
                nas_press.load_release(ROOT / "tests" / "edge" / "decrease.toml"), "sv"
            )
        ).replace("\xa0", " ")
        share = "En fjärdedel av alla nya klienter (20 personer) hade utnyttjats i sitt hemland"
        assert share in text

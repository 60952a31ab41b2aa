"""clean: each furniture rule on a small fixture, offsets kept, and the seeds' furniture gone."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diplograph.evaluation import kit
from ingest.clean import clean, load_lexicon

SEEDS = kit.SEEDS.corpus
LEAD = "The foreign ministers met in the capital on Tuesday and agreed to reopen the border crossings."
MORE = "Both sides said the talks had been useful and that officials would meet again next month."


def kept(text: str) -> list[str]:
    """The non-blank lines that survive cleaning."""
    return [line.strip() for line in clean(text).split("\n") if line.strip()]


def page(*lines: str) -> str:
    return "\n\n".join(lines)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_same_length_and_newlines_kept_for_any_text(text: str) -> None:
    cleaned = clean(text)
    assert len(cleaned) == len(text)
    assert [i for i, c in enumerate(cleaned) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert all(c == o or c == " " for c, o in zip(cleaned, text))


def test_plain_article_is_untouched() -> None:
    text = page("Ministers agree to reopen crossings", LEAD, MORE)
    assert clean(text) == text


@pytest.mark.parametrize("furniture", [
    "Share this article", "SHARE THIS ARTICLE", "Exit mobile version", "Advertisement", "3 Min Read",
    "5 min read", "Share on Facebook · Share on Twitter · Email this story", "Facebook Twitter WhatsApp Email",
    "Skip to content", "Story continues below advertisement",
])
def test_furniture_lines(furniture: str) -> None:
    assert kept(page(LEAD, furniture, MORE)) == [LEAD, MORE]


@pytest.mark.parametrize("furniture", [
    "TAGGED: diplomacy, border, talks", "Tags: Asia", "Source: News agencies", "Source : Wire services",
    "Photo: Jane Roe", "Read more: Shipping | Energy | Diplomacy", "Also read: Opposition leader launches bid",
    "Reporting by Jane Roe; Editing by John Doe", "Updated: 28 May 2007 10:31 GMT",
    "Photo by Jane Roe/Agency", "Wire services contributed to this report.",
    "Copyright 2007 Wire Service. All rights reserved.", "(Reuters)", "Associated Press",
])
def test_prefix_lines(furniture: str) -> None:
    assert kept(page(LEAD, furniture, MORE)) == [LEAD, MORE]


def test_a_sentence_naming_an_agency_is_prose() -> None:
    line = "The Associated Press said the talks began on Tuesday."
    assert kept(page(LEAD, line)) == [LEAD, line]


def test_a_long_line_starting_like_furniture_is_prose() -> None:
    prose = ("Source: a senior official, who spoke on condition of anonymity because he was not authorised to "
             "speak, said the two delegations had disagreed on almost every point raised during the talks.")
    assert kept(page(LEAD, prose)) == [LEAD, prose]


@pytest.mark.parametrize("caption", [
    "The two ministers shake hands before the talks [AFP]",
    "The two ministers shake hands before the talks (Reuters)",
    "The two ministers shake hands before the talks (AP Photo/Jane Roe)",
    "The two ministers shake hands before the talks [Getty Images]",
    "The two ministers shake hands before the talks. Photo: Jane Roe/Agency",
])
def test_photo_captions(caption: str) -> None:
    assert kept(page(LEAD, caption, caption, MORE)) == [LEAD, MORE]


def test_a_dateline_with_an_agency_is_not_a_caption() -> None:
    line = "CAPITAL (Reuters) - " + LEAD
    assert kept(page(line, MORE)) == [line, MORE]


def test_image_file_name_glued_to_text_is_blanked_in_place() -> None:
    text = "Headline\n\n123.jpgThe ministers met on Tuesday."
    cleaned = clean(text)
    assert cleaned == "Headline\n\n       The ministers met on Tuesday."


@pytest.mark.parametrize("byline", [
    "By Jane Roe", "BY JANE ROE AND JOHN DOE", "By Jane Roe, Associated Press Writer", "Associated Press Writer",
    "Daily Courier staff", "Jane Roe, Staff Writer",
])
def test_bylines(byline: str) -> None:
    assert kept(page("Ministers agree to reopen crossings", byline, LEAD)) == [
        "Ministers agree to reopen crossings", LEAD]


def test_sentences_starting_with_by_are_not_bylines() -> None:
    line = "By Tuesday, the ministers had agreed to reopen the crossings."
    assert kept(page("Headline here", line)) == ["Headline here", line]


def test_a_bare_name_next_to_a_reading_time_is_the_byline() -> None:
    assert kept(page("Ministers agree to reopen crossings", "Jane Q. Roe-Smith", "4 Min Read", LEAD)) == [
        "Ministers agree to reopen crossings", "Jane Q. Roe-Smith", LEAD]
    assert kept(page("Ministers agree to reopen crossings", "Jane Roe-Smith", "4 Min Read", LEAD)) == [
        "Ministers agree to reopen crossings", LEAD]


def test_the_headline_is_never_taken_for_a_byline_name() -> None:
    assert kept(page("Border Talks Resume", "4 min read", LEAD)) == ["Border Talks Resume", LEAD]


TEASERS = [
    "Opposition Leader Resigns Over Budget Row",
    "The opposition leader stepped down on Friday after weeks of pressure from...",
    "Storm Floods Coastal Towns",
    "Heavy rain has flooded dozens of towns along the coast, officials said…",
]


@pytest.mark.parametrize("heading", ["Latest news", "Must read", "Check Also", "More from News", "Most Read",
                                     "RELATED", "Related Articles", "Recommended for you", "You might also like",
                                     "You might also likeRELATED", "Don't miss", "Trending now"])
def test_teaser_block_at_the_end_is_blanked_to_the_end(heading: str) -> None:
    assert kept(page(LEAD, MORE, heading, *TEASERS)) == [LEAD, MORE]


def test_teaser_block_in_the_middle_ends_where_the_article_resumes() -> None:
    resumed = "Officials from both countries said the committee would first meet in the border town in January."
    assert kept(page(LEAD, "Related", *TEASERS, resumed, MORE)) == [LEAD, resumed, MORE]


def test_a_one_sentence_teaser_summary_does_not_end_the_block() -> None:
    teaser = "The opposition leader stepped down on Friday after weeks of pressure from his own party members."
    assert kept(page(LEAD, "Must read", "Opposition Leader Resigns", teaser, "Storm Floods Towns")) == [LEAD]


def test_comment_box_is_blanked_up_to_its_closing_line() -> None:
    text = page(LEAD, "Your Views", "“They should have talked years ago, and everyone knows it”",
                "Jane Roe, Springfield, US", "Send us your views", MORE)
    assert kept(text) == [LEAD, MORE]


def test_comment_section_without_a_closer_runs_to_the_end() -> None:
    text = page(LEAD, MORE, "Comments (2)", "Jane Roe", "What a waste of time. Nothing will change at all, as usual.",
                "John Doe", "Finally some good news from the region for a change, I am glad they met.")
    assert kept(text) == [LEAD, MORE]


def test_breadcrumb_glued_to_the_headline_is_blanked() -> None:
    text = page("World NewsMiddle EastMinisters agree to reopen crossings", "Ministers agree to reopen crossings", LEAD)
    assert kept(text) == ["Ministers agree to reopen crossings", LEAD]


def test_breadcrumb_trail_is_blanked() -> None:
    assert kept(page("Home > World > Asia", "Headline here", LEAD)) == ["Headline here", LEAD]


def test_a_standfirst_repeated_by_the_lead_is_blanked_once_keeping_the_lead() -> None:
    standfirst = "WIRE: " + LEAD + " " + MORE + " Wire Service"
    lead = "CAPITAL (Wire) - " + LEAD + " " + MORE
    assert kept(page("Headline here", standfirst, lead, "Another paragraph of the story follows here.")) == [
        "Headline here", lead, "Another paragraph of the story follows here."]


def test_a_quote_repeated_once_inside_a_longer_paragraph_is_kept() -> None:
    quote = "“We will meet again next month in the border town,” the minister said."
    para = LEAD + " " + MORE + " " + quote + " Officials then left the building without comment."
    assert kept(page(para, quote)) == [para, quote]


def test_lexicon_loads_every_section() -> None:
    lexicon = load_lexicon()
    assert lexicon.teaser.match("latest news") and lexicon.comments.match("your views")
    assert "tweet" in lexicon.share and lexicon.credit.search("x [AFP]")


# --- the seeds: what must not survive --------------------------------------------------------


def seed(name_prefix: str) -> tuple[str, str]:
    path = next(SEEDS.glob(f"{name_prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, clean(text)


def test_seed_comment_box_and_commenter_are_gone_and_the_article_resumes() -> None:
    text, cleaned = seed("002")
    assert "Let the people of Iraq vote" in text  # the fixture still has what must go
    for gone in ("Your Views", "Let the people of Iraq vote", "Bob Kaye", "Send us your views", "[AFP]",
                 "Source : Al Jazeera", "More from News", "Most Read"):
        assert gone not in cleaned, gone
    assert "Kazemi-Qomi said Iran also saw “positive” steps in the talks." in cleaned


def test_seed_teasers_after_latest_news_and_must_read_are_gone() -> None:
    text, cleaned = seed("003")
    assert "Latest news" in text
    for gone in ("Latest news", "What Gas Poisonings", "Ruling Regime", "Baluch Doctor", "Must read",
                 "Jubin Katiraie", "Hostage-Takers", "290 political protests", "You might also like",
                 "Recommended to you", "Associated Press Writer", "News On Iran & Its Neighbours"):
        assert gone not in cleaned, gone
    assert "Iran, angry over the blunt show of U.S. military power off its coast, almost refused to come." in cleaned
    assert "BAGHDAD (AP) – The United States and Iran began talks on Monday" in cleaned
    assert cleaned.count("resuming public diplomacy for the first time") == 1


def test_seed_check_also_teaser_and_image_name_are_gone() -> None:
    text, cleaned = seed("004")
    assert "Check Also" in text
    for gone in ("Check Also", "Starmer", "exiled activists", "151.jpg"):
        assert gone not in cleaned, gone
    assert "Bush regimes’ puppet Ryan Crocker" in cleaned
    assert "This is just the beginning of the process." in cleaned


def test_seed_byline_tags_and_share_buttons_are_gone() -> None:
    text, cleaned = seed("000")
    assert "Share This Article" in text
    for gone in ("Abdel-Rahman Hussein", "3 Min Read", "TAGGED", "Share This Article"):
        assert gone not in cleaned, gone
    assert cleaned.startswith("Iran and US meet after 27 year freeze")


def test_seeds_keep_their_length_and_most_of_their_words() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        cleaned = clean(text)
        assert len(cleaned) == len(text)
        assert len(cleaned.split()) > 0.6 * len(text.split()), path.name


def test_a_comment_counter_near_the_top_blanks_only_itself() -> None:
    assert kept(page("Headline here", "Comments (12)", LEAD, MORE, LEAD.replace("Tuesday", "Friday"))) == [
        "Headline here", LEAD, MORE, LEAD.replace("Tuesday", "Friday")]


def test_a_comment_count_line_is_blanked() -> None:
    assert kept(page("Headline here", LEAD, "12 comments", MORE)) == ["Headline here", LEAD, MORE]


def test_a_byline_run_into_the_dateline_goes_and_the_story_stays():
    text = "By Ana Rojas and Tom Baker SEOUL/WASHINGTON (Reuters) - South Korean President Lee met Kim on Saturday."
    out = clean(text)
    assert len(out) == len(text)
    assert "Rojas" not in out and "Baker" not in out
    assert out.strip().startswith("SEOUL/WASHINGTON (Reuters) - South Korean President Lee met Kim")


def test_a_closing_reported_from_credit_goes_but_a_sentence_about_reports_stays():
    assert not clean("Ana Rojas reported from Seoul and Tom Baker reported from London.").strip()
    kept = "Kim reported from Seoul that the talks went well."
    assert clean(kept) == kept

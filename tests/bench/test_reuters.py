from bench.reuters import dateline_place, parse_sgml, reflow, reuters_date

SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="7">
<DATE> 2-MAR-1987 09:15:00.10</DATE>
<TOPICS></TOPICS>
<TEXT>&#2;
<TITLE>MINISTERS HOLD TALKS ON &lt;ACME&gt; DEAL</TITLE>
<DATELINE>    SAN MATEO, Calif., March 2 - </DATELINE><BODY>Foreign Minister Jan Novak met his
Austrian counterpart in Vienna on Monday, officials said.
    The talks &amp; a dinner followed.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="2" NEWID="8">
<DATE>3-MAR-1987 10:00:00.00</DATE>
<TEXT TYPE="BRIEF">&#2;
<TITLE>A BRIEF WITH NO BODY</TITLE>
&#3;</TEXT>
</REUTERS>
"""


def test_each_story_with_a_body_becomes_one_article_of_the_reader_format():
    (article,) = parse_sgml(SGML, "reut2-000.sgm")
    assert article.record() == {
        "id": "reuters-7",
        "title": "MINISTERS HOLD TALKS ON <ACME> DEAL",
        "published": "1987-03-02",
        "dateline": "SAN MATEO",
        "text": "Foreign Minister Jan Novak met his Austrian counterpart in Vienna on Monday, officials said."
                "\n\nThe talks & a dinner followed.\n\nReuter",
    }
    assert article.file == "reut2-000.sgm"


def test_dates_and_datelines():
    assert reuters_date("26-FEB-1987 15:01:01.79") == "1987-02-26"
    assert reuters_date("not a date") is None
    assert dateline_place("    NEW YORK March 2 - ") == "NEW YORK"
    assert dateline_place("LONDON -") == "LONDON"
    assert reflow("one\ntwo\n    three") == "one two\n\nthree"

"""Stamps as news sites print them, read into zoned datetimes or bare dates."""

from datetime import date, datetime, timedelta, timezone

import pytest

from briefgen.ingest.dates import find_datetimes, parse_datetime


def zoned(y, mo, d, h, mi, minutes):
    return datetime(y, mo, d, h, mi, tzinfo=timezone(timedelta(minutes=minutes)))


@pytest.mark.parametrize(("text", "expected"), [
    ("Aug 14 2023 | 9:03 AM IST", zoned(2023, 8, 14, 9, 3, 330)),
    ("Last Updated : Aug 14 2023 | 9:03 AM IST", zoned(2023, 8, 14, 9, 3, 330)),
    ("2023-08-14 09:03 KST", zoned(2023, 8, 14, 9, 3, 540)),
    ("2023-08-14 09:03 JST", zoned(2023, 8, 14, 9, 3, 540)),
    ("14 August 2023 09:03 GMT", zoned(2023, 8, 14, 9, 3, 0)),
    ("Published 9:03 a.m. EST Jan 5 2021", zoned(2021, 1, 5, 9, 3, -300)),
    ("July 4, 2021 at 5:00 pm EDT", zoned(2021, 7, 4, 17, 0, -240)),
    ("Updated: 3:45 p.m. ET, Jan. 5, 2021", zoned(2021, 1, 5, 15, 45, -300)),
    ("Updated: 3:45 p.m. ET, July 5, 2021", zoned(2021, 7, 5, 15, 45, -240)),
    ("2023-08-14T09:03:00+05:30", zoned(2023, 8, 14, 9, 3, 330)),
    ("2023-08-14T09:03:00Z", zoned(2023, 8, 14, 9, 3, 0)),
    ("Posted 11/12/2019 10:00:00 -0500", zoned(2019, 11, 12, 10, 0, -300)),
    ("12 March 2019 - 14:05 GMT+5:30", zoned(2019, 3, 12, 14, 5, 330)),
    ("Tue 5 Jan 2021 10.30 GMT", zoned(2021, 1, 5, 10, 30, 0)),
    ("Sun 3 Mar 2019 09:00 AEDT", zoned(2019, 3, 3, 9, 0, 660)),
    ("14 de agosto de 2023 às 09:03", datetime(2023, 8, 14, 9, 3)),
    ("2023년 8월 14일 09:03", datetime(2023, 8, 14, 9, 3)),
])
def test_zoned_and_naive_times(text, expected):
    value = parse_datetime(text)
    assert value == expected
    assert value.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(("text", "expected"), [
    ("Monday, August 21, 2015", date(2015, 8, 21)),
    ("Friday, August 21, 2015", date(2015, 8, 21)),
    ("2023年8月14日", date(2023, 8, 14)),
    ("14.08.2023", date(2023, 8, 14)),
    ("2017-02-16", date(2017, 2, 16)),
    ("on 5 June 2019 10.50 percent", date(2019, 6, 5)),
])
def test_a_date_without_a_time_stays_a_date(text, expected):
    value = parse_datetime(text)
    assert value == expected and not isinstance(value, datetime)


@pytest.mark.parametrize("text", ["", "May the force", "3 min read", "sold 2023 units", "et 12 puis"])
def test_no_date(text):
    assert parse_datetime(text) is None


def test_find_datetimes_gives_spans():
    line = "3 min read Last Updated : Aug 14 2023 | 9:03 AM IST"
    (stamp,) = find_datetimes(line)
    assert stamp.text == "Aug 14 2023 | 9:03 AM IST"
    assert line[stamp.start:stamp.end] == stamp.text
    two = find_datetimes("First: 2023-08-14 09:03 KST, updated 2023-08-15 10:00 KST")
    assert [s.value.day for s in two] == [14, 15]


def test_french_et_is_not_eastern_time():
    assert parse_datetime("14 août 2023 à 9:03 et puis") == datetime(2023, 8, 14, 9, 3)


def test_time_run_into_the_year_by_a_copy():
    """Copying a page can glue the year to the time: "NOV 20 20194:29 AM ESTUPDATED …"."""
    stamps = find_datetimes("PUBLISHED TUE, NOV 19 20197:05 AM ESTUPDATED TUE, NOV 19 20197:16 AM EST")
    assert [s.value for s in stamps] == [zoned(2019, 11, 19, 7, 5, -300), zoned(2019, 11, 19, 7, 16, -300)]
    assert parse_datetime("In 20194 cases") is None

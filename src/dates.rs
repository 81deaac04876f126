//! Calendar dates as people write them: ISO 8601 is read, and the forms it is mistaken for are
//! recognised so that the error can show the exact text to write instead.

use crate::messages::Text;
use time::Month;

/// Reads `YYYY-MM-DD`, or says what is wrong: a Bulgarian `10.05.2021 г.` (with the ISO form to
/// write), a day the month does not have, or another form.
pub fn parse(text: &str) -> Result<time::Date, Text> {
    let text = text.trim();
    if let Some((year, month, day)) = iso_parts(text) {
        return date(year, month, day).ok_or_else(|| no_such_day(year, month, day));
    }
    if let Some((year, month, day)) = dotted_parts(text) {
        return Err(match date(year, month, day) {
            Some(_) => Text::new("date-write-iso").arg("iso", iso(year, month, day)),
            None => no_such_day(year, month, day),
        });
    }
    Err(Text::new("date-expected-iso"))
}

fn iso(year: i32, month: u8, day: u8) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

fn date(year: i32, month: u8, day: u8) -> Option<time::Date> {
    time::Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

fn no_such_day(year: i32, month: u8, day: u8) -> Text {
    match Month::try_from(month) {
        Ok(m) => Text::new("date-no-such-day")
            .arg("day", usize::from(day))
            .arg("month", usize::from(month))
            .arg("days", usize::from(time::util::days_in_month(m, year))),
        Err(_) => Text::new("date-no-such-month").arg("month", usize::from(month)),
    }
}

/// `2021-05-10`: a four-digit year (never negative), a month and a day of two digits.
fn iso_parts(text: &str) -> Option<(i32, u8, u8)> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && digits(y, 4) && digits(m, 2) && digits(d, 2))
        .then(|| Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)))
        .flatten()
}

/// `10.05.2021`, `10.5.2021 г.`, `10.05.2021г`: day, month, year as Bulgarians write them.
fn dotted_parts(text: &str) -> Option<(i32, u8, u8)> {
    let text = text
        .trim_end_matches('.')
        .trim_end_matches(['г', 'Г'])
        .trim_end();
    let mut parts = text.split('.').map(str::trim);
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits =
        |s: &str, max: usize| (1..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && digits(d, 2) && digits(m, 2) && y.len() == 4 && digits(y, 4))
        .then(|| Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)))
        .flatten()
}

/// An ISO 8601 calendar date (`2016-09-01`) as a field of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists ([`parse`] says what is wrong).
    pub fn parse(text: &str) -> Option<Date> {
        parse(text).ok().map(Date)
    }

    /// The date as `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        iso(self.0.year(), u8::from(self.0.month()), self.0.day())
    }
}

/// How a bad date travels through serde, which carries only a message: this module writes it
/// (in [`Date`]'s `Deserialize`) and reads it back ([`bad_date`]); nobody else knows the form.
const BAD_DATE: &str = "bad date: ";

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        let shown = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_string);
        value
            .as_str()
            .and_then(Date::parse)
            .ok_or_else(|| serde::de::Error::custom(format!("{BAD_DATE}{shown}")))
    }
}

/// The value and what is wrong with it, when serde's `message` is a bad [`Date`]'s.
pub fn bad_date(message: &str) -> Option<(String, Text)> {
    let value = message.strip_prefix(BAD_DATE)?;
    let reason = parse(value)
        .err()
        .unwrap_or_else(|| Text::new("date-expected-iso"));
    Some((value.to_string(), reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_read_and_other_forms_explained() {
        assert_eq!(
            parse("2021-05-10").unwrap(),
            time::macros::date!(2021 - 05 - 10)
        );
        for bulgarian in [
            "10.05.2021",
            "10.05.2021 г.",
            "10.5.2021г",
            " 10.05.2021 г ",
        ] {
            let err = parse(bulgarian).unwrap_err();
            assert_eq!(err.id(), "date-write-iso", "{bulgarian}");
            assert!(err.render(crate::messages::Lang::En).contains("2021-05-10"));
        }
        assert_eq!(parse("2021-02-30").unwrap_err().id(), "date-no-such-day");
        assert!(
            parse("2021-02-30")
                .unwrap_err()
                .render(crate::messages::Lang::En)
                .contains("28")
        );
        assert_eq!(parse("30.02.2021").unwrap_err().id(), "date-no-such-day");
        assert_eq!(parse("2021-13-01").unwrap_err().id(), "date-no-such-month");
        for other in ["-2022-10-05", "2021-5-1", "10 May 2021", "", "20210510"] {
            assert_eq!(
                parse(other).unwrap_err().id(),
                "date-expected-iso",
                "{other}"
            );
        }
    }
}

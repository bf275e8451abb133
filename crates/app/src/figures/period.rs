//! A reporting period of whole days, checked, with its months and the share of each year it covers.

use chrono::{Datelike, Duration, NaiveDate};
use koppel_domain::crm::local_to_utc;
use koppel_domain::FieldErrors;
use koppel_store::figures::Span;

use crate::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

fn parse_day(errors: &mut FieldErrors, field: &str, input: &str) -> Option<NaiveDate> {
    match NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(
                field,
                "invalid_date",
                format!(
                    "'{}' is geen datum; schrijf jjjj-mm-dd, zoals 2025-06-30.",
                    input.trim()
                ),
            );
            None
        }
    }
}

impl Period {
    /// Parses `from` and `to` (YYYY-MM-DD); the period must not end before it starts.
    pub fn parse(from: &str, to: &str) -> Result<Self, AppError> {
        let mut errors = FieldErrors::new();
        let f = parse_day(&mut errors, "from", from);
        let t = parse_day(&mut errors, "to", to);
        if let (Some(f), Some(t)) = (f, t) {
            if t < f {
                errors.push(
                    "to",
                    "period_reversed",
                    "De periode eindigt vóór het begin.",
                );
            } else {
                return Ok(Self { from: f, to: t });
            }
        }
        Err(AppError::Invalid(errors))
    }

    /// The half year (1 or 2) of `year`.
    pub fn half_year(year: i32, half: u32) -> Option<Self> {
        let (a, b) = if half == 1 {
            ((1, 1), (6, 30))
        } else {
            ((7, 1), (12, 31))
        };
        Some(Self {
            from: NaiveDate::from_ymd_opt(year, a.0, a.1)?,
            to: NaiveDate::from_ymd_opt(year, b.0, b.1)?,
        })
    }

    /// The quarter (1 to 4) of `year`.
    pub fn quarter(year: i32, quarter: u32) -> Option<Self> {
        let first = NaiveDate::from_ymd_opt(year, 3 * (quarter.clamp(1, 4) - 1) + 1, 1)?;
        let next = if quarter >= 4 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, 3 * quarter + 1, 1)?
        };
        Some(Self {
            from: first,
            to: next - Duration::days(1),
        })
    }

    /// The half year before the one `today` is in.
    pub fn last_half_year(today: NaiveDate) -> Self {
        let (year, half) = if today.month() <= 6 {
            (today.year() - 1, 2)
        } else {
            (today.year(), 1)
        };
        Self::half_year(year, half).unwrap_or(Self {
            from: today,
            to: today,
        })
    }

    /// The instants the period covers: from Dutch midnight at its start to Dutch midnight after
    /// its last day (summer time included).
    pub fn span(&self) -> Span {
        let midnight = |d: NaiveDate| local_to_utc(d.and_hms_opt(0, 0, 0).unwrap_or_default());
        let start = midnight(self.from);
        let end = midnight(self.to + Duration::days(1));
        Span {
            from: self.from,
            to: self.to,
            start,
            end,
        }
    }

    /// The first day of every month the period touches.
    pub fn months(&self) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut m = self.from.with_day(1).unwrap_or(self.from);
        while m <= self.to {
            out.push(m);
            m = m
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(NaiveDate::MAX);
        }
        out
    }

    /// For each year the period touches: the year and the share of its days inside the period.
    pub fn year_shares(&self) -> Vec<(i32, f64)> {
        (self.from.year()..=self.to.year())
            .filter_map(|y| {
                let first = NaiveDate::from_ymd_opt(y, 1, 1)?;
                let last = NaiveDate::from_ymd_opt(y, 12, 31)?;
                let a = self.from.max(first);
                let b = self.to.min(last);
                let days = (b - a).num_days() + 1;
                let year_days = (last - first).num_days() + 1;
                Some((y, days as f64 / year_days as f64))
            })
            .collect()
    }

    /// "1 januari 2025 t/m 30 juni 2025".
    pub fn label(&self) -> String {
        format!("{} t/m {}", dutch_date(self.from), dutch_date(self.to))
    }
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

pub fn dutch_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// "jan 2025".
pub fn month_label(d: NaiveDate) -> String {
    format!("{} {}", &MONTHS[d.month0() as usize][..3], d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_checked_and_split() {
        let p = Period::parse("2025-01-01", "2025-06-30")
            .unwrap_or(Period::last_half_year(NaiveDate::MIN));
        assert_eq!(p.months().len(), 6);
        let shares = p.year_shares();
        assert_eq!(shares.len(), 1);
        assert!((shares[0].1 - 181.0 / 365.0).abs() < 1e-9);
        assert!(matches!(
            Period::parse("2025-06-30", "2025-01-01"),
            Err(AppError::Invalid(_))
        ));
        assert!(matches!(
            Period::parse("30-06-2025", "2025-07-01"),
            Err(AppError::Invalid(_))
        ));
        assert_eq!(
            Period::quarter(2025, 4).map(|q| q.to),
            NaiveDate::from_ymd_opt(2025, 12, 31)
        );
        assert_eq!(
            Period::last_half_year(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default()),
            Period::half_year(2026, 1).unwrap_or(p)
        );
        assert_eq!(p.label(), "1 januari 2025 t/m 30 juni 2025");
    }
}

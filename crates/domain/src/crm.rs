//! The employer relationship: contact moments, agreements, contact requests and their
//! 24-hour response promise, and after-care after a placement.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};

use crate::codes::code_list;
use crate::codes::CodeList;
use crate::values::ValueError;

code_list!(
    /// How an adviser was in contact with an employer.
    ContactKind, "soort contact" {
        Visit => ("visit", "Bezoek"),
        Call => ("call", "Telefoon"),
        Email => ("email", "E-mail"),
        Event => ("event", "Bijeenkomst"),
        Other => ("other", "Anders"),
    }
);

code_list!(
    /// The level of the partnership a contact moment belongs to.
    PartnershipLevel, "partnerschapsniveau" {
        Strategic => ("strategic", "Strategisch"),
        Tactical => ("tactical", "Tactisch"),
        Operational => ("operational", "Operationeel"),
    }
);

code_list!(
    /// Where an agreement (afspraak) stands.
    AgreementStatus, "status afspraak" {
        Open => ("open", "Open"),
        Done => ("done", "Nagekomen"),
        Cancelled => ("cancelled", "Vervallen"),
    }
);

code_list!(
    /// How a contact request reached the WSP.
    RequestSource, "bron contactverzoek" {
        Staff => ("staff", "Vastgelegd door medewerker"),
        PublicForm => ("public_form", "Contactformulier"),
        Api => ("api", "API"),
    }
);

code_list!(
    /// The outcome of an after-care contact.
    AftercareOutcome, "uitkomst nazorg" {
        GoingWell => ("going_well", "Gaat goed"),
        NeedsSupport => ("needs_support", "Ondersteuning nodig"),
        TrainingNeeded => ("training_needed", "Scholing nodig"),
        EndedEarly => ("ended_early", "Voortijdig beëindigd"),
    }
);

code_list!(
    /// The instruments (regelingen) that make a hire work.
    Instrument, "instrument" {
        Proefplaatsing => ("proefplaatsing", "Proefplaatsing"),
        NoRiskpolis => ("no_riskpolis", "No-riskpolis"),
        Loondispensatie => ("loondispensatie", "Loondispensatie"),
        Loonkostensubsidie => ("loonkostensubsidie", "Loonkostensubsidie"),
        Mobiliteitsbonus => ("mobiliteitsbonus", "Mobiliteitsbonus"),
        Jobcoaching => ("jobcoaching", "Jobcoaching"),
        Werkplekaanpassing => ("werkplekaanpassing", "Werkplekaanpassing"),
        SlimScholing => ("slim_scholing", "SLIM-scholing"),
        Praktijkroute => ("praktijkroute", "Praktijkroute"),
    }
);

code_list!(
    /// Where the use of an instrument stands.
    InstrumentStatus, "status instrument" {
        Requested => ("requested", "Aangevraagd"),
        Granted => ("granted", "Toegekend"),
        Refused => ("refused", "Afgewezen"),
        Ended => ("ended", "Beëindigd"),
    }
);

code_list!(
    /// The benefit a placed candidate left (uitstroom).
    Benefit, "uitkering" {
        Ww => ("ww", "WW"),
        Wia => ("wia", "WIA"),
        Wajong => ("wajong", "Wajong"),
        Participatiewet => ("pwet", "Participatiewet (bijstand)"),
        Ziektewet => ("ziektewet", "Ziektewet"),
        Other => ("other", "Andere uitkering"),
    }
);

code_list!(
    /// Kinds of events for employers and candidates.
    EventKind, "soort bijeenkomst" {
        EmployerMeeting => ("employer_meeting", "Werkgeversbijeenkomst"),
        CareFair => ("care_fair", "Care Fair"),
        JobMarket => ("job_market", "Banenmarkt"),
        Information => ("information", "Informatiebijeenkomst"),
        Other => ("other", "Anders"),
    }
);

code_list!(
    /// Whether an invited employer or candidate came.
    AttendanceStatus, "aanwezigheid" {
        Invited => ("invited", "Uitgenodigd"),
        Attended => ("attended", "Aanwezig"),
        Absent => ("absent", "Afwezig"),
    }
);

/// How the 24-hour response deadline is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClockRule {
    /// 24 hours on the clock, nights and weekends included: the promise as employers read it.
    #[default]
    CalendarHours,
    /// Counted in office hours only: Monday to Friday, 09:00-17:00 Dutch time (public holidays
    /// are not skipped).
    OfficeHours,
}

impl ClockRule {
    pub fn parse(s: &str) -> Result<Self, ValueError> {
        match s.trim() {
            "calendar" | "calendar_hours" => Ok(ClockRule::CalendarHours),
            "office" | "office_hours" => Ok(ClockRule::OfficeHours),
            other => Err(ValueError::new(
                "unknown_clock_rule",
                format!("Onbekende klokregel '{other}': gebruik calendar of office."),
            )),
        }
    }
}

/// The promised response time.
pub const RESPONSE_HOURS: i64 = 24;
const OFFICE_START: u32 = 9;
const OFFICE_END: u32 = 17;

/// Dutch local time is UTC+1, or UTC+2 from the last Sunday of March 01:00 UTC to the last Sunday
/// of October 01:00 UTC (EU summer time).
pub fn dutch_offset_hours(at: DateTime<Utc>) -> i64 {
    let last_sunday = |month: u32| {
        let mut d = NaiveDate::from_ymd_opt(at.year(), month, 31).unwrap_or_default();
        while d.weekday() != Weekday::Sun {
            d = d.pred_opt().unwrap_or(d);
        }
        Utc.from_utc_datetime(&d.and_hms_opt(1, 0, 0).unwrap_or_default())
    };
    if at >= last_sunday(3) && at < last_sunday(10) {
        2
    } else {
        1
    }
}

/// The deadline for a request received at `received`, `hours` later under the clock rule.
pub fn response_deadline(received: DateTime<Utc>, hours: i64, rule: ClockRule) -> DateTime<Utc> {
    match rule {
        ClockRule::CalendarHours => received + Duration::hours(hours),
        ClockRule::OfficeHours => add_office_minutes(received, hours * 60),
    }
}

/// The UTC moment of a Dutch wall-clock time (as typed in a form).
pub fn local_to_utc(local: chrono::NaiveDateTime) -> DateTime<Utc> {
    from_local(local)
}

/// Dutch wall-clock time of a UTC moment, for display.
pub fn utc_to_local(t: DateTime<Utc>) -> chrono::NaiveDateTime {
    to_local(t)
}

/// Local Dutch wall-clock time of a UTC moment (as a naive date-time).
fn to_local(t: DateTime<Utc>) -> chrono::NaiveDateTime {
    (t + Duration::hours(dutch_offset_hours(t))).naive_utc()
}

/// The UTC moment of a Dutch wall-clock time within office hours (summer time switches at night,
/// so the offset is never ambiguous there).
fn from_local(local: chrono::NaiveDateTime) -> DateTime<Utc> {
    let guess = local.and_utc() - Duration::hours(1);
    local.and_utc() - Duration::hours(dutch_offset_hours(guess))
}

fn add_office_minutes(start: DateTime<Utc>, mut minutes: i64) -> DateTime<Utc> {
    let mut local = to_local(start);
    loop {
        let day = local.date();
        let open = day.and_hms_opt(OFFICE_START, 0, 0).unwrap_or_default();
        let close = day.and_hms_opt(OFFICE_END, 0, 0).unwrap_or_default();
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        if weekend || local >= close {
            local = (day + Duration::days(1))
                .and_hms_opt(OFFICE_START, 0, 0)
                .unwrap_or_default();
            continue;
        }
        if local < open {
            local = open;
        }
        let left_today = (close - local).num_minutes();
        if minutes <= left_today {
            return from_local(local + Duration::minutes(minutes));
        }
        minutes -= left_today;
        local = close;
    }
}

/// An employer name reduced for comparison: lower case, without legal forms and punctuation.
pub fn name_key(name: &str) -> String {
    let lower = name
        .to_lowercase()
        .replace(['.', ',', '&', '-', '\'', '"'], " ");
    lower
        .split_whitespace()
        .filter(|w| {
            !matches!(
                *w,
                "bv" | "b" | "v" | "vof" | "o" | "f" | "nv" | "n" | "holding" | "de" | "het" | "en"
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two employer names likely mean the same business (for duplicate warnings).
pub fn similar_names(a: &str, b: &str) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b || (a.len() >= 4 && b.contains(&a)) || (b.len() >= 4 && a.contains(&b))
}

/// The dates of the fixed after-care contacts: 2 and 5 months after the start of a placement.
pub fn aftercare_dates(start: NaiveDate) -> [NaiveDate; 2] {
    let add = |m: u32| {
        start
            .checked_add_months(chrono::Months::new(m))
            .unwrap_or(start)
    };
    [add(2), add(5)]
}

/// A placement counts as sustainable when the candidate is still in work six months after the start.
pub fn is_sustainable(start: NaiveDate, ended_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    let six = start
        .checked_add_months(chrono::Months::new(6))
        .unwrap_or(start);
    today >= six && ended_on.is_none_or(|end| end >= six)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn calendar_deadline_is_a_day_later() {
        assert_eq!(
            response_deadline(utc("2025-03-07T16:00:00Z"), 24, ClockRule::CalendarHours),
            utc("2025-03-08T16:00:00Z")
        );
    }

    #[test]
    fn office_hours_skip_nights_and_weekends() {
        // Friday 15:00 local (14:00 UTC, winter): 2 h left on Friday, 8 h Monday, 8 h Tuesday, 6 h on Wednesday.
        assert_eq!(
            response_deadline(utc("2025-03-07T14:00:00Z"), 24, ClockRule::OfficeHours),
            utc("2025-03-12T14:00:00Z")
        );
        // Saturday: counting starts Monday 09:00 local, 24 office hours end Wednesday 17:00 local.
        assert_eq!(
            response_deadline(utc("2025-03-08T10:00:00Z"), 24, ClockRule::OfficeHours),
            utc("2025-03-12T16:00:00Z")
        );
        // Summer time: Tuesday 08:00 local (06:00 UTC) starts at 09:00 local, ends Thursday 17:00 local.
        assert_eq!(
            response_deadline(utc("2025-06-10T06:00:00Z"), 24, ClockRule::OfficeHours),
            utc("2025-06-12T15:00:00Z")
        );
    }

    #[test]
    fn dutch_summer_time() {
        assert_eq!(dutch_offset_hours(utc("2025-03-30T00:59:00Z")), 1);
        assert_eq!(dutch_offset_hours(utc("2025-03-30T01:00:00Z")), 2);
        assert_eq!(dutch_offset_hours(utc("2025-10-26T00:59:00Z")), 2);
        assert_eq!(dutch_offset_hours(utc("2025-10-26T01:00:00Z")), 1);
    }

    #[test]
    fn similar_employer_names() {
        assert!(similar_names(
            "Bakkerij Spaarnezicht B.V.",
            "bakkerij spaarnezicht"
        ));
        assert!(similar_names(
            "Bakkerij Spaarnezicht",
            "Bakkerij Spaarnezicht Haarlem"
        ));
        assert!(similar_names("De Vries Bouw V.O.F.", "Vries Bouw"));
        assert!(!similar_names(
            "Bakkerij Spaarnezicht",
            "Slagerij Spaarnezicht"
        ));
        assert!(
            !similar_names("B.V.", "Holding B.V."),
            "legal forms alone say nothing"
        );
    }

    #[test]
    fn aftercare_and_sustainability() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
        assert_eq!(
            aftercare_dates(d("2025-08-31")),
            [d("2025-10-31"), d("2026-01-31")]
        );
        assert_eq!(
            aftercare_dates(d("2025-12-31")),
            [d("2026-02-28"), d("2026-05-31")]
        );
        assert!(is_sustainable(d("2025-01-06"), None, d("2025-07-06")));
        assert!(
            !is_sustainable(d("2025-01-06"), None, d("2025-07-05")),
            "not yet six months"
        );
        assert!(
            !is_sustainable(d("2025-01-06"), Some(d("2025-05-01")), d("2025-09-01")),
            "ended before six months"
        );
        assert!(is_sustainable(
            d("2025-01-06"),
            Some(d("2025-08-01")),
            d("2025-09-01")
        ));
    }
}

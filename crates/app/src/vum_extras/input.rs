//! The VUM fields beyond koppel's own as they come in from a form or the API, checked field by
//! field with every error at once, and as they go out.

use koppel_domain::values::{date, int_in_range, optional_text, ValueError};
use koppel_domain::FieldErrors;
use koppel_vum::extras::{JobSeekerExtras, VacancyExtras};
use serde::{Deserialize, Serialize};

use crate::input::{opt, List, Text};
use crate::AppError;

/// The VUM fields of a vacancy beyond koppel's own, as entered. Codes as in the VUM code lists.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VacancyVumInput {
    /// Minimum hours a week (the maximum is the vacancy's hours), 1 to 99.
    #[schema(value_type = Option<String>, example = "24")]
    pub hours_min: Option<Text>,
    /// Office hours: 1 yes, 2 no, 0 unknown.
    #[schema(value_type = Option<String>)]
    pub office_hours: Option<Text>,
    /// Irregular work or shifts: 1 yes, 2 no, 0 unknown.
    #[schema(value_type = Option<String>)]
    pub irregular: Option<Text>,
    #[schema(value_type = Option<String>, format = Date)]
    pub start_date: Option<Text>,
    /// Pay, as text (at most 100 characters).
    #[schema(value_type = Option<String>)]
    pub salary: Option<Text>,
    /// Education level: 1 basisonderwijs, 2 vmbo, 3 havo/vwo, 4 mbo, 5 hbo, 6 wo, 9 anders.
    #[schema(value_type = Option<String>)]
    pub education_level: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub education_note: Option<Text>,
    /// Course names, one per item.
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub courses: List,
    /// Years of experience in the occupation, 0 to 99.
    #[schema(value_type = Option<String>)]
    pub experience_years: Option<Text>,
    /// Means of transport: 1 auto, 2 bromfiets, 3 fiets, 4 motor, 5 openbaar vervoer, 9 anders.
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub transport: List,
    /// The sector: an SBI code (0 to 99999), or a part of the Dutch name of an SBI division
    /// ("detailhandel").
    #[schema(value_type = Option<String>)]
    pub sbi: Option<Text>,
    /// Every contract form offered: O (onbepaalde tijd) and/or B (bepaalde tijd).
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub contract_forms: List,
    /// The kind of agreement: 01 reguliere vacature, 02 leerbaan, 03 vrijwilligerswerk, 04
    /// werkervaringsplaats.
    #[schema(value_type = Option<String>)]
    pub agreement: Option<Text>,
}

/// The VUM fields of a job seeker beyond koppel's own, as entered.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JobSeekerVumInput {
    #[schema(value_type = Option<String>)]
    pub hours_min: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub office_hours: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub irregular: Option<Text>,
    #[schema(value_type = Option<String>, format = Date)]
    pub available_until: Option<Text>,
    /// Contract forms wanted: O (onbepaalde tijd) and/or B (bepaalde tijd).
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub contract_forms: List,
    /// The kind of agreement wanted, as for a vacancy (01 to 04).
    #[schema(value_type = Option<String>)]
    pub agreement: Option<Text>,
    /// Occupations wanted besides the desired occupation, by name (or ESCO/CompetentNL URI).
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub other_occupations: List,
    /// Longest travel time, minutes, 0 to 999.
    #[schema(value_type = Option<String>)]
    pub travel_minutes: Option<Text>,
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub transport: List,
    #[schema(value_type = Option<String>)]
    pub education_level: Option<Text>,
    /// 0 onbekend, 1 afgerond, 2 afgebroken, 3 lopend.
    #[schema(value_type = Option<String>)]
    pub education_status: Option<Text>,
    #[schema(value_type = Option<String>)]
    pub education_note: Option<Text>,
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub courses: List,
    /// Work experience, one job per item.
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub experience: List,
    #[schema(value_type = Vec<String>)]
    #[serde(default)]
    pub sbi: List,
    /// The candidate agrees that their e-mail address and phone number are offered through VUM.
    #[schema(value_type = bool)]
    #[serde(default)]
    pub contact_offered: crate::input::Flag,
}

fn code(input: &str, allowed: &[i64], names: &str) -> Result<i64, ValueError> {
    input
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|c| allowed.contains(c))
        .ok_or_else(|| ValueError::new("unknown_code", format!("Kies een van: {names}.")))
}

const YES_NO: (&[i64], &str) = (&[0, 1, 2], "0 (onbekend), 1 (ja), 2 (nee)");
const EDUCATION: (&[i64], &str) = (
    &[1, 2, 3, 4, 5, 6, 9],
    "1 (basisonderwijs), 2 (vmbo), 3 (havo/vwo), 4 (mbo), 5 (hbo), 6 (wo), 9 (anders)",
);
const TRANSPORT: (&[i64], &str) = (
    &[1, 2, 3, 4, 5, 9],
    "1 (auto), 2 (bromfiets), 3 (fiets), 4 (motor), 5 (openbaar vervoer), 9 (anders)",
);

const AGREEMENT: (&[i64], &str) = (
    &[1, 2, 3, 4],
    "01 (reguliere vacature), 02 (leerbaan), 03 (vrijwilligerswerk), 04 (werkervaringsplaats)",
);

struct Check(FieldErrors);

impl Check {
    fn int(&mut self, field: &str, v: &Option<Text>, min: i64, max: i64) -> Option<i64> {
        opt(v).and_then(|s| self.0.check(field, int_in_range(s, min, max)))
    }
    fn code(&mut self, field: &str, v: &Option<Text>, list: (&[i64], &str)) -> Option<i64> {
        opt(v).and_then(|s| self.0.check(field, code(s, list.0, list.1)))
    }
    fn codes(&mut self, field: &str, v: &List, list: (&[i64], &str)) -> Vec<i64> {
        let mut out: Vec<i64> = Vec::new();
        for c in
            v.0.iter()
                .filter_map(|s| self.0.check(field, code(s, list.0, list.1)))
        {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }
    /// Contract forms: O and/or B, each once.
    fn contract_forms(&mut self, v: &List) -> Vec<String> {
        let mut forms: Vec<String> = Vec::new();
        for f in &v.0 {
            match f.trim().to_uppercase().as_str() {
                f @ ("O" | "B") if !forms.iter().any(|x| x == f) => forms.push(f.to_string()),
                "O" | "B" => {}
                _ => self.0.push(
                    "contractForms",
                    "unknown_code",
                    "Kies O (onbepaalde tijd) of B (bepaalde tijd).",
                ),
            }
        }
        forms
    }
    /// The kind of agreement, 01 to 04.
    fn agreement(&mut self, v: &Option<Text>) -> Option<String> {
        self.code("agreement", v, AGREEMENT)
            .map(|c| format!("{c:02}"))
    }
    fn date(&mut self, field: &str, v: &Option<Text>) -> Option<String> {
        opt(v)
            .and_then(|s| self.0.check(field, date(s)))
            .map(|d| d.to_string())
    }
    fn text(&mut self, field: &str, v: &Option<Text>, max: usize) -> Option<String> {
        self.0.check(field, optional_text(opt(v), max)).flatten()
    }
    fn texts(&mut self, field: &str, v: &List, max: usize) -> Vec<String> {
        v.0.iter()
            .filter_map(|s| self.0.check(field, optional_text(Some(s), max)).flatten())
            .collect()
    }
    /// The minimum hours a week, at most the record's own hours (the maximum).
    fn hours_min(&mut self, v: &Option<Text>, hours: Option<i64>, whose: &str) -> Option<i64> {
        let min = self.int("hoursMin", v, 1, 99);
        if let (Some(min), Some(max)) = (min, hours) {
            if min > max {
                self.0.push(
                    "hoursMin",
                    "above_maximum",
                    format!("Het minimum is meer dan de {max} uur {whose}."),
                );
            }
        }
        min
    }
    fn done<T>(self, value: T) -> Result<T, AppError> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

/// Checks a vacancy's VUM fields; `hours` is the vacancy's own (the maximum).
pub(super) fn vacancy(i: &VacancyVumInput, hours: Option<i64>) -> Result<VacancyExtras, AppError> {
    let mut c = Check(FieldErrors::new());
    let hours_min = c.hours_min(&i.hours_min, hours, "van de vacature");
    let e = VacancyExtras {
        hours_min,
        office_hours: c.code("officeHours", &i.office_hours, YES_NO),
        irregular: c.code("irregular", &i.irregular, YES_NO),
        start_date: c.date("startDate", &i.start_date),
        salary: c.text("salary", &i.salary, 100),
        education_level: c.code("educationLevel", &i.education_level, EDUCATION),
        education_note: c.text("educationNote", &i.education_note, 2000),
        courses: c.texts("courses", &i.courses, 120),
        experience_years: c.int("experienceYears", &i.experience_years, 0, 99),
        transport: c.codes("transport", &i.transport, TRANSPORT),
        sbi: opt(&i.sbi).and_then(|s| c.0.check("sbi", koppel_domain::sbi::parse(s))),
        contract_forms: c.contract_forms(&i.contract_forms),
        agreement: c.agreement(&i.agreement),
    };
    c.done(e)
}

/// Checks a job seeker's VUM fields; `hours` is the candidate's own (the maximum).
pub(super) fn jobseeker(
    i: &JobSeekerVumInput,
    hours: Option<i64>,
) -> Result<JobSeekerExtras, AppError> {
    let mut c = Check(FieldErrors::new());
    let hours_min = c.hours_min(&i.hours_min, hours, "die de kandidaat wil werken");
    let sbi: Vec<i64> = i
        .sbi
        .0
        .iter()
        .filter(|s| !s.trim().is_empty())
        .filter_map(|s| c.0.check("sbi", koppel_domain::sbi::parse(s)))
        .collect();
    let e = JobSeekerExtras {
        hours_min,
        office_hours: c.code("officeHours", &i.office_hours, YES_NO),
        irregular: c.code("irregular", &i.irregular, YES_NO),
        available_until: c.date("availableUntil", &i.available_until),
        contract_forms: c.contract_forms(&i.contract_forms),
        agreement: c.agreement(&i.agreement),
        // Named occupations are looked up in the taxonomy by the caller.
        other_occupations: Vec::new(),
        travel_minutes: c.int("travelMinutes", &i.travel_minutes, 0, 999),
        transport: c.codes("transport", &i.transport, TRANSPORT),
        education_level: c.code("educationLevel", &i.education_level, EDUCATION),
        education_status: c.code(
            "educationStatus",
            &i.education_status,
            (
                &[0, 1, 2, 3],
                "0 (onbekend), 1 (afgerond), 2 (afgebroken), 3 (lopend)",
            ),
        ),
        education_note: c.text("educationNote", &i.education_note, 2000),
        courses: c.texts("courses", &i.courses, 120),
        experience: c.texts("experience", &i.experience, 2000),
        sbi,
        contact_offered: i.contact_offered.0,
    };
    c.done(e)
}

/// A vacancy's VUM fields as they go out.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct VacancyVum {
    pub hours_min: Option<i64>,
    pub office_hours: Option<i64>,
    pub irregular: Option<i64>,
    #[schema(format = Date)]
    pub start_date: Option<String>,
    pub salary: Option<String>,
    pub education_level: Option<i64>,
    pub education_note: Option<String>,
    pub courses: Vec<String>,
    pub experience_years: Option<i64>,
    pub transport: Vec<i64>,
    pub sbi: Option<i64>,
    pub contract_forms: Vec<String>,
    pub agreement: Option<String>,
    /// The version of the vacancy (for `If-Match`).
    pub version: i64,
}

impl VacancyVum {
    pub(super) fn of(e: VacancyExtras, version: i64) -> Self {
        VacancyVum {
            hours_min: e.hours_min,
            office_hours: e.office_hours,
            irregular: e.irregular,
            start_date: e.start_date,
            salary: e.salary,
            education_level: e.education_level,
            education_note: e.education_note,
            courses: e.courses,
            experience_years: e.experience_years,
            transport: e.transport,
            sbi: e.sbi,
            contract_forms: e.contract_forms,
            agreement: e.agreement,
            version,
        }
    }
}

/// A job seeker's VUM fields as they go out.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct JobSeekerVum {
    pub hours_min: Option<i64>,
    pub office_hours: Option<i64>,
    pub irregular: Option<i64>,
    #[schema(format = Date)]
    pub available_until: Option<String>,
    pub contract_forms: Vec<String>,
    pub agreement: Option<String>,
    /// The occupations wanted besides the desired occupation.
    pub other_occupations: Vec<Occupation>,
    pub travel_minutes: Option<i64>,
    pub transport: Vec<i64>,
    pub education_level: Option<i64>,
    pub education_status: Option<i64>,
    pub education_note: Option<String>,
    pub courses: Vec<String>,
    pub experience: Vec<String>,
    pub sbi: Vec<i64>,
    pub contact_offered: bool,
    /// The version of the candidate (for `If-Match`).
    pub version: i64,
}

/// An occupation by its URI, with its name where the taxonomy knows it.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Occupation {
    pub uri: String,
    pub label: Option<String>,
}

impl JobSeekerVum {
    pub(super) fn of(e: JobSeekerExtras, occupations: Vec<Occupation>, version: i64) -> Self {
        JobSeekerVum {
            agreement: e.agreement,
            other_occupations: occupations,
            hours_min: e.hours_min,
            office_hours: e.office_hours,
            irregular: e.irregular,
            available_until: e.available_until,
            contract_forms: e.contract_forms,
            travel_minutes: e.travel_minutes,
            transport: e.transport,
            education_level: e.education_level,
            education_status: e.education_status,
            education_note: e.education_note,
            courses: e.courses,
            experience: e.experience,
            sbi: e.sbi,
            contact_offered: e.contact_offered,
            version,
        }
    }
}

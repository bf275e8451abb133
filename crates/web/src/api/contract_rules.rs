//! The rules of the API's contract as one table: what each request body's fields and each query
//! parameter must be (code lists, required and non-blank text, lengths, patterns, ranges, dates),
//! and what each pattern asks in Dutch. `contract` writes them into the OpenAPI document.

use koppel_domain::codes::{
    Cluster, CodeList, ConsentScope, ContractType, DrivingLicence, EducationLevel, Sector,
    VacancyStatus,
};
use koppel_domain::crm::{
    AftercareOutcome, AgreementStatus, AttendanceStatus, Benefit, ContactKind, EventKind,
    Instrument, InstrumentStatus, PartnershipLevel,
};
use koppel_domain::nomination::NominationState;

/// What a value must be.
#[derive(Clone, Copy)]
pub(super) enum Rule {
    /// One of a code list's codes.
    Codes(fn() -> Vec<String>),
    /// Text with a character that is not white space, at most this long.
    Filled(usize),
    /// Text of at most this length (empty: absent).
    Max(usize),
    /// Text matching this regular expression.
    Pattern(&'static str),
    /// A whole number in this range.
    Range(i64, i64),
    /// A calendar date, `2025-03-31`.
    Date,
    /// Every item of a list is one of a code list's codes.
    EachCode(fn() -> Vec<String>),
    /// Every item of a list matches this regular expression.
    EachPattern(&'static str),
    /// Every item of a list is a text of at most this length.
    EachMax(usize),
}

use Rule::*;

/// The largest whole number every JSON reader holds exactly (2^53 - 1); ids and counts stay below.
pub const SAFE_INTEGER: i64 = 9_007_199_254_740_991;

fn codes<T: CodeList>() -> Vec<String> {
    T::ALL.iter().map(|c| c.code().to_string()).collect()
}

/// Codes as people write them: spaces and dots between the digits, the letters in either case.
pub(super) const KVK: &str = r"^[ .]*([0-9][ .]*){8}$";
pub(super) const SBI: &str = r"^[ .]*([0-9][ .]*){2,5}$";
pub(super) const MUNICIPALITY: &str = r"^ *([Gg][Mm])?[0-9]{4} *$";
pub(super) const POSTCODE: &str = r"^ *[1-9][0-9]{3} *[A-Za-z]{2} *$";
pub(super) const EMAIL: &str =
    r"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63}){1,3}$";
pub(super) const PHONE: &str = r"^\+?[ ()-]*([0-9][ ()-]*){10,15}$";
/// A moment as a form gives it, Dutch time.
pub(super) const LOCAL_TIME: &str =
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9]$";

/// Request bodies: (schema, property, rule). A property named in `REQUIRED` must be present.
pub(super) const BODIES: &[(&str, &str, Rule)] = &[
    ("EmployerInput", "name", Filled(200)),
    ("EmployerInput", "sector", Codes(codes::<Sector>)),
    ("EmployerInput", "kvkNumber", Pattern(KVK)),
    ("EmployerInput", "postcode", Pattern(POSTCODE)),
    ("EmployerInput", "sbiCode", Pattern(SBI)),
    ("EmployerInput", "municipalityCode", Pattern(MUNICIPALITY)),
    ("EmployerInput", "city", Max(100)),
    ("EmployerInput", "website", Max(300)),
    ("VacancyInput", "title", Filled(200)),
    ("VacancyInput", "description", Max(10_000)),
    ("VacancyInput", "city", Max(100)),
    ("VacancyInput", "postcode", Pattern(POSTCODE)),
    ("VacancyInput", "status", Codes(codes::<VacancyStatus>)),
    ("VacancyInput", "contractType", Codes(codes::<ContractType>)),
    (
        "VacancyInput",
        "educationLevel",
        Codes(codes::<EducationLevel>),
    ),
    (
        "VacancyInput",
        "drivingLicences",
        EachCode(codes::<DrivingLicence>),
    ),
    ("VacancyInput", "closingDate", Date),
    ("EventInput", "title", Filled(200)),
    ("EventInput", "kind", Codes(codes::<EventKind>)),
    ("EventInput", "cluster", Codes(codes::<Cluster>)),
    ("EventInput", "place", Max(200)),
    ("EventInput", "description", Max(5000)),
    ("EventInput", "outcomeNotes", Max(5000)),
    ("EventInput", "eventDate", Date),
    ("ContactRequestInput", "companyName", Filled(200)),
    ("ContactRequestInput", "contactName", Filled(200)),
    ("ContactRequestInput", "message", Filled(2000)),
    ("ContactRequestInput", "email", Pattern(EMAIL)),
    ("ContactRequestInput", "phone", Pattern(PHONE)),
    ("ContactPersonInput", "email", Pattern(EMAIL)),
    ("ContactPersonInput", "phone", Pattern(PHONE)),
    ("CandidateInput", "email", Pattern(EMAIL)),
    ("CandidateInput", "phone", Pattern(PHONE)),
    ("ContactMomentInput", "occurredAt", Pattern(LOCAL_TIME)),
    ("TokenInput", "label", Filled(100)),
    ("TokenInput", "days", Range(1, 365)),
    ("TargetGroupInput", "label", Filled(100)),
    ("TargetGroupInput", "code", Pattern(r"^[a-z0-9_]{1,40}$")),
    ("ContactMomentInput", "subject", Filled(200)),
    ("ContactMomentInput", "notes", Max(5000)),
    ("ContactMomentInput", "kind", Codes(codes::<ContactKind>)),
    (
        "ContactMomentInput",
        "level",
        Codes(codes::<PartnershipLevel>),
    ),
    ("AgreementInput", "description", Filled(500)),
    ("AgreementInput", "dueDate", Date),
    ("EstablishmentInput", "name", Filled(200)),
    ("EstablishmentInput", "street", Max(200)),
    ("EstablishmentInput", "city", Max(100)),
    ("EstablishmentInput", "postcode", Pattern(POSTCODE)),
    ("ContactPersonInput", "name", Filled(200)),
    ("ContactPersonInput", "jobTitle", Max(100)),
    ("CandidateInput", "firstName", Filled(100)),
    ("CandidateInput", "lastName", Filled(100)),
    ("CandidateInput", "city", Max(100)),
    ("CandidateInput", "postcode", Pattern(POSTCODE)),
    ("CandidateInput", "wishes", Max(2000)),
    ("CandidateInput", "targetGroupEvidence", Max(300)),
    (
        "CandidateInput",
        "consentScope",
        Codes(codes::<ConsentScope>),
    ),
    (
        "CandidateInput",
        "educationLevel",
        Codes(codes::<EducationLevel>),
    ),
    (
        "CandidateInput",
        "drivingLicences",
        EachCode(codes::<DrivingLicence>),
    ),
    (
        "NominationStepInput",
        "state",
        Codes(codes::<NominationState>),
    ),
    ("NominationStepInput", "reason", Max(300)),
    (
        "PlacementInput",
        "contractType",
        Codes(codes::<ContractType>),
    ),
    ("InstrumentInput", "instrument", Codes(codes::<Instrument>)),
    (
        "InstrumentInput",
        "status",
        Codes(codes::<InstrumentStatus>),
    ),
    ("InstrumentInput", "notes", Max(2000)),
    (
        "AftercareInput",
        "outcome",
        Codes(codes::<AftercareOutcome>),
    ),
    ("AftercareInput", "notes", Max(5000)),
    ("AftercareInput", "endedReason", Max(300)),
    (
        "AttendanceInput",
        "status",
        Codes(codes::<AttendanceStatus>),
    ),
    (
        "ParticipantInput",
        "status",
        Codes(codes::<AttendanceStatus>),
    ),
    ("ScoreInput", "score", Range(1, 10)),
    ("ScoreInput", "comment", Max(2000)),
    ("AgreementInput", "status", Codes(codes::<AgreementStatus>)),
    ("CandidateInput", "consultantId", Range(1, SAFE_INTEGER)),
    ("CandidateInput", "availableFrom", Date),
    ("CandidateInput", "consentDate", Date),
    ("CandidateInput", "targetGroupValidUntil", Date),
    ("CandidateInput", "workReadyAssessedOn", Date),
    ("InstrumentInput", "startDate", Date),
    ("InstrumentInput", "endDate", Date),
    ("AftercareInput", "endedOn", Date),
    ("PlacementInput", "startDate", Date),
    ("PlacementInput", "benefit", Codes(codes::<Benefit>)),
    (
        "PlacementInput",
        "hourlyWage",
        Pattern(r"^[0-9]{1,3}([.,][0-9]{1,2})?$"),
    ),
    (
        "InstrumentInput",
        "amount",
        Pattern(r"^[0-9]{1,6}([.,][0-9]{1,2})?$"),
    ),
    ("VacancyVumInput", "agreement", Pattern(AGREEMENT)),
    (
        "VacancyVumInput",
        "contractForms",
        EachPattern(CONTRACT_FORM),
    ),
    ("VacancyVumInput", "educationLevel", Pattern(VUM_EDUCATION)),
    (
        "VacancyVumInput",
        "experienceYears",
        Pattern(r"^[0-9]{1,2}$"),
    ),
    ("VacancyVumInput", "hoursMin", Pattern(r"^[1-9][0-9]?$")),
    ("VacancyVumInput", "irregular", Pattern(YES_NO)),
    ("VacancyVumInput", "officeHours", Pattern(YES_NO)),
    ("VacancyVumInput", "salary", Max(100)),
    ("VacancyVumInput", "educationNote", Max(2000)),
    ("VacancyVumInput", "courses", EachMax(120)),
    ("VacancyVumInput", "transport", EachPattern(TRANSPORT)),
    ("VacancyVumInput", "startDate", Date),
    ("JobSeekerVumInput", "agreement", Pattern(AGREEMENT)),
    (
        "JobSeekerVumInput",
        "contractForms",
        EachPattern(CONTRACT_FORM),
    ),
    (
        "JobSeekerVumInput",
        "educationLevel",
        Pattern(VUM_EDUCATION),
    ),
    ("JobSeekerVumInput", "educationStatus", Pattern(r"^[0-3]$")),
    ("JobSeekerVumInput", "irregular", Pattern(YES_NO)),
    ("JobSeekerVumInput", "officeHours", Pattern(YES_NO)),
    (
        "JobSeekerVumInput",
        "travelMinutes",
        Pattern(r"^[0-9]{1,3}$"),
    ),
    ("JobSeekerVumInput", "hoursMin", Pattern(r"^[1-9][0-9]?$")),
    ("JobSeekerVumInput", "educationNote", Max(2000)),
    ("JobSeekerVumInput", "courses", EachMax(120)),
    ("JobSeekerVumInput", "experience", EachMax(2000)),
    ("JobSeekerVumInput", "transport", EachPattern(TRANSPORT)),
    ("JobSeekerVumInput", "availableUntil", Date),
];

/// A moment in RFC 3339 (days up to 28, so every match is a real day), with the kind and id of the
/// last change seen when it is a `next`.
pub(super) const POSITION: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])(~(employer|vacancy)~[0-9]{1,15})?$";

/// What each pattern asks, in the words a user reads.
pub(super) const PATTERN_REASONS: &[(&str, &str)] = &[
    (r"\S", "Dit veld is verplicht."),
    (POSTCODE, "Vul een postcode in als 1234 AB."),
    (
        EMAIL,
        "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
    ),
    (
        PHONE,
        "Vul een telefoonnummer in van 10 tot 15 cijfers, zoals 023-5123456.",
    ),
    (LOCAL_TIME, "Vul datum en tijd in als 2025-03-31T14:30."),
    (DATE, "Vul een datum in als 2025-03-31."),
    (KVK, "Een KvK-nummer bestaat uit precies 8 cijfers."),
    (SBI, "Een SBI-code bestaat uit 2 tot 5 cijfers."),
    (
        MUNICIPALITY,
        "Een CBS-gemeentecode is GM gevolgd door 4 cijfers, zoals GM0392.",
    ),
    (AGREEMENT, "Kies 01, 02, 03 of 04."),
    (
        CONTRACT_FORM,
        "Kies O (onbepaalde tijd) of B (bepaalde tijd).",
    ),
    (YES_NO, "Kies 0 (onbekend), 1 (ja) of 2 (nee)."),
    (TRANSPORT, "Kies 1, 2, 3, 4, 5 of 9."),
    (VUM_EDUCATION, "Kies 1, 2, 3, 4, 5, 6 of 9."),
];

/// The Dutch reason for a text that does not match `pattern` (also when an empty text is allowed).
pub fn pattern_reason(pattern: &str) -> Option<&'static str> {
    let bare = pattern
        .strip_prefix("^(?:")
        .and_then(|p| p.strip_suffix(")?$"))
        .map_or_else(|| pattern.to_string(), |p| format!("^{p}$"));
    PATTERN_REASONS
        .iter()
        .find(|(p, _)| *p == pattern || *p == bare)
        .map(|(_, r)| *r)
}

/// VUM's codes as koppel reads them (with or without a leading zero).
pub(super) const AGREEMENT: &str = r"^0?[1-4]$";
pub(super) const CONTRACT_FORM: &str = r"^[OB]$";
pub(super) const VUM_EDUCATION: &str = r"^[1-69]$";
pub(super) const YES_NO: &str = r"^[0-2]$";
pub(super) const TRANSPORT: &str = r"^[1-59]$";
pub(super) const DATE: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// Properties a body must have (the input types default them for the browser's forms).
pub(super) const REQUIRED: &[(&str, &[&str])] = &[
    ("EmployerInput", &["name", "sector"]),
    ("VacancyInput", &["title", "employerId"]),
    ("EventInput", &["title", "kind", "eventDate"]),
    (
        "ContactRequestInput",
        &["companyName", "contactName", "message"],
    ),
    ("TokenInput", &["label"]),
    ("TargetGroupInput", &["code", "label"]),
    ("ContactMomentInput", &["subject", "kind", "level"]),
    ("AgreementInput", &["description"]),
    ("EstablishmentInput", &["name"]),
    ("ContactPersonInput", &["name"]),
    ("CandidateInput", &["firstName", "lastName", "targetGroup"]),
    ("NominationInput", &["candidateId", "vacancyId"]),
    ("NominationStepInput", &["state"]),
    (
        "PlacementInput",
        &["startDate", "hoursPerWeek", "contractType"],
    ),
    ("InstrumentInput", &["instrument"]),
    ("AftercareInput", &["outcome"]),
    ("ScoreInput", &["score"]),
];

/// Query parameters: (path, parameter, rule).
pub(super) const QUERIES: &[(&str, &str, Rule)] = &[
    ("/employers", "sector", Codes(codes::<Sector>)),
    ("/employers", "cluster", Codes(codes::<Cluster>)),
    ("/employers", "municipality", Pattern(MUNICIPALITY)),
    ("/vacancies", "status", Codes(codes::<VacancyStatus>)),
    ("/vacancies", "cluster", Codes(codes::<Cluster>)),
    ("/public/vacancies", "cluster", Codes(codes::<Cluster>)),
    ("/public/vacancies", "minHours", Range(0, 60)),
    ("/figures/factsheet", "from", Date),
    ("/figures/factsheet", "to", Date),
    ("/figures/factsheet", "asOf", Date),
    ("/figures/factsheet", "cluster", Codes(codes::<Cluster>)),
    ("/nominations", "state", Codes(codes::<NominationState>)),
    ("/changes", "since", Pattern(POSITION)),
    ("/taxonomy/occupations", "q", Pattern(r"\S.*\S")),
    ("/taxonomy/skills", "q", Pattern(r"\S.*\S")),
];

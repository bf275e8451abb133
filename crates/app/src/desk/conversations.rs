//! A gids's conversations at the desk: recorded anonymously (only counted) or with a resident who
//! gave consent; a resident seen again is found by name and date of birth, and registering them a
//! second time is caught before it happens.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use koppel_domain::codes::CodeList;
use koppel_domain::crm::local_to_utc;
use koppel_domain::desk::{Asker, Channel, Question};
use koppel_domain::permissions::Permission;
use koppel_domain::values::{date, local_datetime, optional_text, required_text, Email, Phone};
use koppel_domain::FieldErrors;
use koppel_store::desk::{self as store, Conversation, NewConversation, NewResident, Resident};
use koppel_store::referrals::{self, Referral, Side};
use serde::{Deserialize, Serialize};

use crate::input::{opt, Flag, Text};
use crate::logging::activity;
use crate::op::Op;
use crate::{Actor, AppContext, AppError, Meta};

/// A conversation as the gids records it; the resident's fields stay empty for an anonymous one.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationInput {
    pub location_id: Option<Text>,
    #[serde(default)]
    pub channel: Text,
    #[serde(default)]
    pub question: Text,
    #[serde(default)]
    pub asker: Text,
    pub advice: Option<Text>,
    pub next_step: Option<Text>,
    /// When it took place (Dutch time); empty: now.
    pub occurred_at: Option<Text>,
    /// Only counted: no resident is registered.
    #[serde(default)]
    pub anonymous: Flag,
    /// A resident already registered (chosen from the duplicates found, or the resident's page).
    pub resident_id: Option<Text>,
    pub name: Option<Text>,
    pub birth_date: Option<Text>,
    pub phone: Option<Text>,
    pub email: Option<Text>,
    /// The resident agreed to be registered.
    #[serde(default)]
    pub consent: Flag,
    /// Register a new resident although one with the same name and date of birth exists.
    #[serde(default)]
    pub register_anyway: Flag,
}

/// What was recorded: the conversation, and the resident it was with.
#[derive(Debug, Clone, Copy)]
pub struct Recorded {
    pub conversation_id: i64,
    pub resident_id: Option<i64>,
}

/// The field the duplicate warning is attached to; the UI offers the residents found there.
pub const DUPLICATE_FIELD: &str = "residentId";

struct Valid {
    location_id: Option<i64>,
    channel: Channel,
    question: Question,
    asker: Asker,
    advice: String,
    next_step: String,
    occurred_at: DateTime<Utc>,
}

fn text(e: &mut FieldErrors, field: &str, value: &Option<Text>, max: usize) -> String {
    e.check(field, optional_text(opt(value), max))
        .flatten()
        .unwrap_or_default()
}

fn validate(input: &ConversationInput, now: DateTime<Utc>) -> (Option<Valid>, FieldErrors) {
    let mut e = FieldErrors::new();
    let channel = e.check("channel", Channel::parse(input.channel.as_str()));
    let question = e.check("question", Question::parse(input.question.as_str()));
    let asker = e.check("asker", Asker::parse(input.asker.as_str()));
    let location_id = opt(&input.location_id).and_then(|s| match s.parse::<i64>() {
        Ok(id) => Some(id),
        Err(_) => {
            e.push(
                "locationId",
                "unknown_location",
                "Kies een locatie uit de lijst.",
            );
            None
        }
    });
    if channel == Some(Channel::WalkIn)
        && location_id.is_none()
        && opt(&input.location_id).is_none()
    {
        e.push(
            "locationId",
            "required",
            "Kies de locatie van het spreekuur.",
        );
    }
    let occurred_at = match opt(&input.occurred_at) {
        None => Some(now),
        Some(s) => e.check("occurredAt", local_datetime(s)).map(local_to_utc),
    };
    if occurred_at.is_some_and(|t| t > now + chrono::Duration::minutes(5)) {
        e.push(
            "occurredAt",
            "future",
            "Een gesprek kan niet in de toekomst liggen.",
        );
    }
    let advice = text(&mut e, "advice", &input.advice, 5000);
    let next_step = text(&mut e, "nextStep", &input.next_step, 2000);
    let valid = match (channel, question, asker, occurred_at) {
        (Some(channel), Some(question), Some(asker), Some(occurred_at)) => Some(Valid {
            location_id,
            channel,
            question,
            asker,
            advice,
            next_step,
            occurred_at,
        }),
        _ => None,
    };
    (valid, e)
}

/// The resident's own fields, checked; `None` when they are not complete.
fn resident_fields(
    input: &ConversationInput,
    e: &mut FieldErrors,
    today: NaiveDate,
) -> Option<(String, NaiveDate, Option<String>, Option<String>)> {
    let name = e.check("name", required_text(opt(&input.name).unwrap_or(""), 200));
    let birth = e.check("birthDate", date(opt(&input.birth_date).unwrap_or("")));
    if birth.is_some_and(|d| d > today || today.year() - d.year() > 110) {
        e.push(
            "birthDate",
            "out_of_range",
            "Vul een geboortedatum in het verleden in.",
        );
    }
    let phone = opt(&input.phone)
        .and_then(|s| e.check("phone", Phone::parse(s)))
        .map(Phone::into_string);
    let email = opt(&input.email)
        .and_then(|s| e.check("email", Email::parse(s)))
        .map(Email::into_string);
    if !input.consent.0 {
        e.push(
            "consent",
            "consent_required",
            "Registreer een inwoner alleen met diens toestemming. Zonder toestemming legt u het gesprek anoniem vast.",
        );
    }
    Some((name?, birth?, phone, email))
}

/// Records a conversation; registers the resident (with consent) unless it is anonymous or with
/// a resident already known. A resident with the same name and date of birth is refused with a
/// warning on [`DUPLICATE_FIELD`] unless `register_anyway`.
pub async fn record(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &ConversationInput,
) -> Result<Recorded, AppError> {
    actor.require(Permission::RecordConversations)?;
    let now = Utc::now();
    let (valid, mut e) = validate(input, now);
    let mut op = Op::begin(ctx, actor, meta).await?;
    if let Some(l) = valid.as_ref().and_then(|v| v.location_id) {
        if !store::location(&mut op, l).await.is_ok_and(|l| l.active) {
            e.push(
                "locationId",
                "unknown_location",
                "Kies een locatie uit de lijst.",
            );
        }
    }
    let known = match opt(&input.resident_id).map(str::parse::<i64>) {
        None => None,
        Some(Ok(id)) => match store::resident_for(&mut op, id, actor.org_id()).await {
            Ok(r) if r.org_id == actor.org_id() => Some(r.id),
            _ => {
                e.push(
                    DUPLICATE_FIELD,
                    "unknown_resident",
                    "Kies een inwoner uit de lijst.",
                );
                None
            }
        },
        Some(Err(_)) => {
            e.push(
                DUPLICATE_FIELD,
                "unknown_resident",
                "Kies een inwoner uit de lijst.",
            );
            None
        }
    };
    let anonymous = input.anonymous.0 && known.is_none();
    if anonymous
        && [&input.name, &input.birth_date, &input.phone, &input.email]
            .iter()
            .any(|f| opt(f).is_some())
    {
        e.push("anonymous", "anonymous_with_data", "Een anoniem gesprek heeft geen naam, geboortedatum of contactgegevens: maak die velden leeg of registreer de inwoner.");
    }
    let fresh = if anonymous || known.is_some() {
        None
    } else {
        resident_fields(input, &mut e, now.date_naive())
    };
    if let (Some((name, birth, _, _)), false) = (&fresh, input.register_anyway.0) {
        let same = store::possible_duplicates(&mut op, actor.org_id(), name, *birth).await?;
        if !same.is_empty() {
            e.push(
                DUPLICATE_FIELD,
                "possible_duplicate",
                format!(
                    "Er is al een inwoner met deze naam en geboortedatum ({}). Kies die inwoner, of registreer toch een nieuwe.",
                    same.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
    e.clone().into_result()?;
    let Some(v) = valid else {
        return Err(AppError::Invalid(e));
    };
    let resident_id = match (known, fresh) {
        (Some(id), _) => Some(id),
        (None, Some((name, birth_date, phone, email))) => {
            let new = NewResident {
                org_id: actor.org_id(),
                name,
                birth_date,
                phone,
                email,
                registered_by: actor.user_id(),
                at: now,
            };
            let id = store::insert_resident(&mut op, &new).await?;
            op.audit("resident.create", &format!("resident:{id}"))
                .await?;
            Some(id)
        }
        (None, None) => None,
    };
    let conversation_id = store::insert_conversation(
        &mut op,
        &NewConversation {
            org_id: actor.org_id(),
            user_id: actor.user_id(),
            location_id: v.location_id,
            channel: v.channel.code(),
            question: v.question.code(),
            asker: v.asker.code(),
            resident_id,
            advice: v.advice,
            next_step: v.next_step,
            occurred_at: v.occurred_at,
        },
    )
    .await?;
    let object = format!("desk_conversation:{conversation_id}");
    op.audit("desk_conversation.create", &object).await?;
    if let Some(r) = resident_id {
        op.processed(
            "desk_conversation.create",
            activity::DESK,
            &format!("resident:{r}"),
        )
        .await?;
    }
    op.commit().await?;
    Ok(Recorded {
        conversation_id,
        resident_id,
    })
}

/// The residents of the actor's organisation that a registration with this name and date of
/// birth may duplicate (shown with the warning, to choose from).
pub async fn possible_duplicates(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    input: &ConversationInput,
) -> Result<Vec<Resident>, AppError> {
    actor.require(Permission::RecordConversations)?;
    let (Some(name), Some(Ok(birth))) = (opt(&input.name), opt(&input.birth_date).map(date)) else {
        return Ok(Vec::new());
    };
    let mut op = Op::begin(ctx, actor, meta).await?;
    let found = store::possible_duplicates(&mut op, actor.org_id(), name, birth).await?;
    let subjects = found.iter().map(|r| format!("resident:{}", r.id)).collect();
    op.processed_each("resident.duplicates", activity::DESK, subjects)
        .await?;
    op.commit().await?;
    Ok(found)
}

/// The organisation's latest conversations, newest first.
pub async fn recent(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    limit: i64,
) -> Result<Vec<Conversation>, AppError> {
    actor.require(Permission::RecordConversations)?;
    let mut op = Op::begin(ctx, actor, meta).await?;
    let list = store::conversations(&mut op, actor.org_id(), None, limit).await?;
    let subjects = shown(list.iter().filter_map(|c| c.resident_id));
    op.processed_each("desk_conversation.list", activity::DESK, subjects)
        .await?;
    op.commit().await?;
    Ok(list)
}

/// Residents of the organisation found by name (and date of birth).
pub async fn find(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    name: Option<&str>,
    birth_date: Option<NaiveDate>,
) -> Result<Vec<Resident>, AppError> {
    actor.require(Permission::RecordConversations)?;
    if name.is_none_or(|n| n.trim().is_empty()) && birth_date.is_none() {
        return Ok(Vec::new());
    }
    let mut op = Op::begin(ctx, actor, meta).await?;
    let list = store::find_residents(&mut op, actor.org_id(), name, birth_date, 50).await?;
    let subjects = shown(list.iter().map(|r| r.id));
    op.processed_each("resident.search", activity::DESK, subjects)
        .await?;
    op.commit().await?;
    Ok(list)
}

/// A resident with their conversations and referrals, as their organisation sees them.
#[derive(Debug, Clone)]
pub struct ResidentFile {
    pub resident: Resident,
    pub conversations: Vec<Conversation>,
    pub referrals: Vec<Referral>,
}

pub async fn resident(
    ctx: &AppContext,
    actor: &Actor,
    meta: &Meta,
    id: i64,
) -> Result<ResidentFile, AppError> {
    actor.require(Permission::RecordConversations)?;
    let mut op = Op::begin(ctx, actor, meta).await?;
    let resident = store::resident_for(&mut op, id, actor.org_id()).await?;
    if resident.org_id != actor.org_id() {
        return Err(AppError::NotFound);
    }
    let conversations = store::conversations(&mut op, actor.org_id(), Some(id), 200).await?;
    let referrals =
        referrals::list(&mut op, Side::From(actor.org_id()), Some(id), false, 200).await?;
    op.processed("resident.read", activity::DESK, &format!("resident:{id}"))
        .await?;
    op.commit().await?;
    Ok(ResidentFile {
        resident,
        conversations,
        referrals,
    })
}

/// Conversations in a year, per location, channel and question (the organisation's own figures).
pub async fn year_counts(
    ctx: &AppContext,
    actor: &Actor,
    year: i32,
) -> Result<Vec<(Option<String>, String, String, i64)>, AppError> {
    actor.require(Permission::RecordConversations)?;
    let (from, to) = year_bounds(year);
    let mut tx = ctx.store.read().await?;
    let counts = store::conversation_counts(&mut tx, actor.org_id(), from, to).await?;
    tx.commit().await?;
    Ok(counts)
}

/// The first moment of `year` and of the next (Dutch time).
pub(crate) fn year_bounds(year: i32) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = |y: i32| {
        let day = NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default();
        local_to_utc(day.and_hms_opt(0, 0, 0).unwrap_or_default())
    };
    (start(year), start(year + 1))
}

/// The processing subjects of the residents shown, each once.
pub(crate) fn shown(ids: impl Iterator<Item = i64>) -> Vec<String> {
    let ids: std::collections::BTreeSet<i64> = ids.collect();
    ids.into_iter().map(|id| format!("resident:{id}")).collect()
}
